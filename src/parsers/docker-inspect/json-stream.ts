// A streaming JSON reader (RFC 8259) fed one line at a time, building the value and remembering the
// line where each member starts, so evidence can point at `"Memory": 2147483648` on its own line.
// Iterative with an explicit stack (no recursion); stops at the first syntax error and says where.

export interface JsonStreamResult {
  value?: unknown;
  /** "0.HostConfig.Memory" → line (members up to `maxDepth` deep). */
  lines: Map<string, number>;
  error?: string;
  /** true when the input ended before the top-level value was closed. */
  truncated: boolean;
}

type Frame =
  | { kind: 'object'; value: Record<string, unknown>; key?: string; expect: 'key' | 'colon' | 'value' | 'comma'; path: string }
  | { kind: 'array'; value: unknown[]; expect: 'value' | 'comma'; path: string };

const BARE = /[0-9A-Za-z.+-]/;

export class JsonStream {
  private stack: Frame[] = [];
  private root: unknown;
  private hasRoot = false;
  private str: string | undefined; // inside a string: its text so far
  private escape = '';
  private bare = '';
  private error: string | undefined;
  readonly lines = new Map<string, number>();

  constructor(private readonly maxDepth = 5) {}

  get failed(): boolean {
    return this.error !== undefined;
  }

  /** true once the first character of the top-level value was seen. */
  get started(): boolean {
    return this.hasRoot || this.stack.length > 0;
  }

  line(text: string, lineNo: number): void {
    if (this.error) return;
    for (let i = 0; i < text.length && !this.error; i++) this.char(text[i], lineNo, i + 1);
    if (this.str !== undefined && !this.error) this.fail(lineNo, text.length + 1, 'a line break inside a string');
    if (this.bare) this.endBare(lineNo, text.length + 1);
  }

  finish(): JsonStreamResult {
    const truncated = !this.error && (this.stack.length > 0 || this.str !== undefined || !this.hasRoot);
    return { value: this.hasRoot ? this.root : undefined, lines: this.lines, error: this.error, truncated };
  }

  private fail(line: number, col: number, what: string): void {
    this.error = `invalid JSON at line ${line}, column ${col}: ${what}`;
  }

  private char(c: string, line: number, col: number): void {
    if (this.str !== undefined) {
      this.stringChar(c, line, col);
      return;
    }
    if (BARE.test(c)) {
      this.bare += c;
      return;
    }
    if (this.bare) this.endBare(line, col);
    if (this.error) return;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\ufeff') return;
    const top = this.stack[this.stack.length - 1];
    switch (c) {
      case '"':
        if (top?.kind === 'object' && top.expect !== 'key' && top.expect !== 'value') return this.fail(line, col, 'unexpected string');
        this.str = '';
        return;
      case '{':
      case '[': {
        const path = this.childPath(line, col);
        if (path === undefined) return;
        this.stack.push(c === '{' ? { kind: 'object', value: {}, expect: 'key', path } : { kind: 'array', value: [], expect: 'value', path });
        return;
      }
      case '}':
      case ']': {
        if (!top || (c === '}') !== (top.kind === 'object')) return this.fail(line, col, `unexpected '${c}'`);
        // Only after a member, or right after the opening bracket (no trailing commas in JSON).
        const empty = top.kind === 'object' ? Object.keys(top.value).length === 0 && top.expect === 'key' : top.value.length === 0 && top.expect === 'value';
        if (top.expect !== 'comma' && !empty) return this.fail(line, col, `unexpected '${c}'`);
        this.stack.pop();
        this.attach(top.value);
        return;
      }
      case ':':
        if (top?.kind !== 'object' || top.expect !== 'colon') return this.fail(line, col, "unexpected ':'");
        top.expect = 'value';
        return;
      case ',':
        if (!top || top.expect !== 'comma') return this.fail(line, col, "unexpected ','");
        top.expect = top.kind === 'object' ? 'key' : 'value';
        return;
      default:
        this.fail(line, col, `unexpected '${c}'`);
    }
  }

  private stringChar(c: string, line: number, col: number): void {
    if (this.escape) {
      this.escape += c;
      if (this.escape.length === 2 && this.escape !== '\\u') {
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        const v = map[c];
        if (v === undefined) return this.fail(line, col, `bad escape \\${c}`);
        this.str += v;
        this.escape = '';
      } else if (this.escape.length === 6) {
        if (!/^\\u[0-9a-fA-F]{4}$/.test(this.escape)) return this.fail(line, col, 'bad \\u escape');
        this.str += String.fromCharCode(parseInt(this.escape.slice(2), 16));
        this.escape = '';
      }
      return;
    }
    if (c === '\\') {
      this.escape = '\\';
      return;
    }
    if (c !== '"') {
      this.str += c;
      return;
    }
    const s = this.str!;
    this.str = undefined;
    const top = this.stack[this.stack.length - 1];
    if (top?.kind === 'object' && top.expect === 'key') {
      top.key = s;
      top.expect = 'colon';
      return;
    }
    if (this.childPath(line, col) === undefined) return;
    this.attach(s);
  }

  private endBare(line: number, col: number): void {
    const t = this.bare;
    this.bare = '';
    let v: unknown;
    if (t === 'true') v = true;
    else if (t === 'false') v = false;
    else if (t === 'null') v = null;
    else if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(t)) v = Number(t);
    else return this.fail(line, col - t.length, `unexpected '${t.slice(0, 20)}'`);
    if (this.childPath(line, col - t.length) === undefined) return;
    this.attach(v);
  }

  /** Checks a value may start here and records its line; returns its path, undefined on error. */
  private childPath(line: number, col: number): string | undefined {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      if (this.hasRoot) {
        this.fail(line, col, 'more data after the end of the JSON value');
        return undefined;
      }
      return '';
    }
    if (top.expect !== 'value') {
      this.fail(line, col, 'a value where a key, colon or comma was expected');
      return undefined;
    }
    const seg = top.kind === 'object' ? top.key! : String(top.value.length);
    const path = top.path === '' ? seg : `${top.path}.${seg}`;
    if (this.stack.length <= this.maxDepth && !this.lines.has(path)) this.lines.set(path, line);
    return path;
  }

  private attach(v: unknown): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.root = v;
      this.hasRoot = true;
      return;
    }
    if (top.kind === 'object') {
      top.value[top.key!] = v;
      top.key = undefined;
    } else top.value.push(v);
    top.expect = 'comma';
  }
}
