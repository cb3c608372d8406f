// Container runtimes wrap every line the JVM wrote; this strips the wrapper so the rest of the parser
// sees the JVM's own line (a stack frame stays a stack frame), and keeps the runtime's timestamp.
//
// Reference:
//  - `docker logs --timestamps`: "<RFC3339Nano> <line>" (moby daemon/logger; Go's RFC3339Nano trims
//    trailing zeros of the fraction, so the prefix length varies).
//  - Kubernetes CRI log files: "<RFC3339Nano> <stdout|stderr> <P|F> <line>", P = partial line continued by
//    the next record (kubernetes/cri-api, pkg/kubelet/kuberuntime/logs).
//  - Docker json-file driver: one {"log":"…\n","stream":"stdout","time":"…"} object per line; a line longer
//    than 16 KB is split into records whose "log" lacks the trailing \n (moby daemon/logger/jsonfilelog).

export type ContainerFormat = 'docker-timestamps' | 'cri' | 'docker-json';

/** Longest partial line kept while reassembling (a runaway partial must not grow without bound). */
const MAX_PARTIAL_CHARS = 64 * 1024;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Stateful, allocation-free for plain lines: `unwrap` returns the JVM's line (or undefined while a
 * partial line is being reassembled) and leaves the runtime's timestamp in `time`.
 */
export class ContainerUnwrapper {
  /** The runtime's timestamp of the last unwrapped line, undefined when the line had no wrapper. */
  time: string | undefined;
  /** The wrapper of the last line. */
  format: ContainerFormat | undefined;
  private partial = '';
  private partialActive = false;

  unwrap(text: string): string | undefined {
    this.time = undefined;
    this.format = undefined;
    const c0 = text.charCodeAt(0);
    if (isDigit(c0)) return this.unwrapStamped(text);
    if (c0 === 123 && text.startsWith('{"log":')) return this.unwrapJson(text);
    return text;
  }

  private unwrapStamped(text: string): string | undefined {
    // 2023-03-23T05:12:50.636123456Z  (T at 10, ':' at 13 and 16)
    if (text.charCodeAt(4) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return text;
    const space = text.indexOf(' ', 19);
    if (space < 0 || space > 40) return text;
    const last = text.charCodeAt(space - 1);
    const zoned = last === 90 || (isDigit(last) && text.charCodeAt(space - 3) === 58 && (text.charCodeAt(space - 6) === 43 || text.charCodeAt(space - 6) === 45));
    if (!zoned) return text;
    // CRI: "<ts> stdout F <line>"
    if ((text.startsWith('stdout ', space + 1) || text.startsWith('stderr ', space + 1)) && text.charCodeAt(space + 9) === 32) {
      const tag = text.charCodeAt(space + 8);
      if (tag === 70 || tag === 80) {
        this.time = text.slice(0, space);
        this.format = 'cri';
        return this.assemble(text.slice(space + 10), tag === 80);
      }
    }
    // docker logs -t prints UTC with a fixed 9-digit fraction (jsonmessage.RFC3339NanoFixed); an
    // application's own ISO stamp ("…50.636Z  WARN 1 --- [main]", Spring Boot 3) has 3 digits.
    if (last !== 90 || text.charCodeAt(19) !== 46 || space - 21 < 7) return text;
    this.time = text.slice(0, space);
    this.format = 'docker-timestamps';
    return text.slice(space + 1);
  }

  private unwrapJson(text: string): string | undefined {
    let rec: { log?: unknown; time?: unknown };
    try {
      rec = JSON.parse(text);
    } catch {
      return text; // a truncated record: show it as is rather than lose it
    }
    if (typeof rec.log !== 'string') return text;
    this.format = 'docker-json';
    if (typeof rec.time === 'string') this.time = rec.time;
    const log = rec.log;
    const complete = log.endsWith('\n');
    let body = complete ? log.slice(0, -1) : log;
    if (body.endsWith('\r')) body = body.slice(0, -1);
    return this.assemble(body, !complete);
  }

  private assemble(body: string, partial: boolean): string | undefined {
    if (partial) {
      if (this.partial.length < MAX_PARTIAL_CHARS) this.partial += body.slice(0, MAX_PARTIAL_CHARS - this.partial.length);
      this.partialActive = true;
      return undefined;
    }
    if (!this.partialActive) return body;
    const whole = this.partial + body;
    this.partial = '';
    this.partialActive = false;
    return whole;
  }

  /** A partial line left over at the end of the input (the last record was cut). */
  flush(): string | undefined {
    if (!this.partialActive) return undefined;
    const rest = this.partial;
    this.partial = '';
    this.partialActive = false;
    return rest;
  }
}
