// Terminal transcripts: engineers paste whole sessions — `[root@host ~]# free -h`, its output, a
// comment, `root@1d75d7d2abcb:/# jstat -gccapacity 1`, … (the seed write-up is one). Instead of asking
// them to cut it into files, we split it at each prompt and route every command's output to the parser
// its command implies, keeping the transcript's own line numbers so evidence points at the real line.

import type { TextKind } from '../model/kinds.js';
import { PARSERS } from './parser-registry.js';
import type { LineParser, TextParserSpec } from '../parsers/parser.js';
import { detectTextKind } from './detect.js';

const PROMPTS = [
  /^\[[^\]\s]+@[^\]]+\][#$]\s?(.*)$/, // [root@localhost ~]# cmd
  /^[\w.-]+@[\w.-]+:[^#$\s]*[#$]\s?(.*)$/, // root@1d75d7d2abcb:/# cmd, user@host:~/x$ cmd
  /^\$ (\S.*)$/, // $ cmd
];

/** The command typed at a prompt line, or undefined when the line is not a prompt. */
export function promptCommand(line: string): string | undefined {
  for (const p of PROMPTS) {
    const m = p.exec(line);
    if (m) return m[1].trim();
  }
  return undefined;
}

/**
 * A transcript has at least two prompt lines in its head (one could be a log line that happens to
 * match) — or one prompt running a diagnostic command after other text: a paste of kernel lines, then
 * `$ kubectl get pod …` and its output, is two kinds of evidence.
 */
export function looksLikeTranscript(headText: string): boolean {
  let n = 0;
  let textBefore = false;
  let single: string | undefined;
  for (const raw of headText.split('\n', 2000)) {
    const line = raw.replace(/\r$/, '');
    const cmd = promptCommand(line);
    if (cmd === undefined) {
      if (n === 0 && line.trim() !== '') textBefore = true;
      continue;
    }
    if (++n >= 2) return true;
    single = cmd;
  }
  if (n !== 1 || !textBefore || single === undefined) return false;
  const route = kindForCommand(single);
  return route !== undefined && route !== SKIP;
}

const SKIP = 'skip' as const;
type Route = TextKind | typeof SKIP | undefined;

/** A kind other branches may not have registered yet (thread dumps): used only when its parser exists. */
const optional = (kind: string): TextKind | undefined => (kind in PARSERS ? (kind as TextKind) : undefined);

/** Which parser a command's output needs; SKIP for commands with nothing to read; undefined: sniff it. */
export function kindForCommand(command: string): Route {
  // Look through wrappers: sudo, docker exec <id>, kubectl exec <pod> --.
  let cmd = command.replace(/^sudo\s+(-\S+\s+)*/, '');
  cmd = cmd.replace(/^docker\s+exec\s+(-\S+\s+)*\S+\s+/, '').replace(/^kubectl\s+exec\s+.*?\s--\s+/, '');
  const words = cmd.split(/\s+/);
  // ./cluster/kubectl.sh (a Kubernetes source tree's wrapper) is kubectl.
  const prog = ((words[0] ?? '').split('/').pop() ?? '').replace(/^kubectl\.sh$/, 'kubectl');
  const piped = cmd.includes('|');
  switch (prog) {
    case '':
    case 'cd': case 'ls': case 'll': case 'vi': case 'vim': case 'nano': case 'exit': case 'clear': case 'history':
    case 'export': case 'echo': case 'which': case 'mkdir': case 'cp': case 'mv': case 'rm': case 'ssh':
      return SKIP;
    case 'free': return 'free';
    case 'top': return 'top';
    case 'jstat': return 'jstat';
    case 'jps': return 'jps';
    // `java -Xms8g -version` is a test of the heap size: its output may be the JVM refusing it (sniffed).
    case 'java': return /-version\b/.test(cmd) && !/\s-X(?:ms|mx|ss)\d/.test(cmd) ? 'java-version' : undefined;
    case 'jmap': return /-dump/.test(cmd) ? SKIP : /-histo/.test(cmd) ? 'class-histogram' : undefined;
    case 'jstack': return optional('thread-dump');
    case 'jcmd':
      if (/Thread\.print/.test(cmd)) return optional('thread-dump');
      if (/VM\.(flags|command_line)/.test(cmd)) return 'jvm-options';
      if (/VM\.native_memory\s+(summary|baseline)?/.test(cmd) && !/detail/.test(cmd)) return /baseline(\s|$)/.test(cmd) && !/summary/.test(cmd) ? SKIP : 'native-memory';
      if (/GC\.heap_dump/.test(cmd)) return SKIP;
      if (/GC\.class_histogram/.test(cmd)) return 'class-histogram';
      return undefined;
    case 'journalctl': case 'dmesg': return 'log';
    case 'docker':
      if (words[1] === 'logs') return 'log';
      if (words[1] === 'inspect') return piped || /\s-f\b|--format/.test(cmd) ? undefined : 'docker-inspect';
      return SKIP; // docker ps, exec -it, cp, stats …: nothing we parse
    case 'kubectl':
      if (words[1] === 'logs') return 'log';
      if (words[1] === 'get' && /-o\s*=?\s*yaml|--output[= ]yaml/.test(cmd)) return 'kubernetes';
      // describe pod, get pod(s) as a table, -o json or -o go-template (parsers/kubernetes/kubectl-text.ts).
      if (words[1] === 'describe' || (words[1] === 'get' && /^(po|pods?)$/.test(words[2] ?? ''))) return 'kubernetes';
      return undefined;
    case 'cat': case 'grep': case 'tail': case 'head': case 'less': case 'more': case 'zcat':
      if (/\/proc\/(\d+|self)\/status/.test(cmd)) return 'proc-status';
      if (/\/proc\/(\d+|self)\/smaps_rollup/.test(cmd)) return 'smaps-rollup';
      if (/\/proc\/meminfo/.test(cmd)) return 'meminfo';
      if (/\/sys\/fs\/cgroup\/|(^|[\s/])memory\.(max|high|current|peak|stat|events|limit_in_bytes|usage_in_bytes|max_usage_in_bytes|oom_control|failcnt|swap\.max|memsw\.)/.test(cmd)) return 'cgroup';
      if (/\.ya?ml\b/.test(cmd)) return undefined;
      if (/catalina\.sh|setenv\.sh|JAVA_OPT|CATALINA_OPT/.test(cmd)) return 'jvm-options';
      if (/\.(log|out)\b|catalina|localhost\./.test(cmd)) return 'log';
      return undefined;
    default:
      return undefined;
  }
}

export interface TranscriptSection<T = unknown> {
  kind: TextKind;
  /** The command that produced it ("free -h"), or a description for unprompted text. */
  section: string;
  firstLine: number;
  lastLine: number;
  chars: number;
  data: T;
}

export interface SkippedSection {
  section: string;
  firstLine: number;
  reason: string;
}

/** How many lines of an unknown command's output to look at before choosing a parser. */
const SNIFF_LINES = 200;

/**
 * Routes a transcript's lines, section by section, to parsers. Feed it every line; call finish() at
 * the end. Comments (`# …`) end a section; text outside any command is sniffed like a file.
 */
export class TranscriptSplitter {
  readonly sections: TranscriptSection[] = [];
  readonly skipped: SkippedSection[] = [];
  private cur: {
    command?: string;
    firstLine: number;
    lastLine: number;
    chars: number;
    route: Route;
    buffer: [string, number][];
    parser?: LineParser<unknown>;
    kind?: TextKind;
  } | undefined;

  line(text: string, lineNo: number): void {
    const command = promptCommand(text);
    if (command !== undefined) {
      this.close();
      const route = kindForCommand(command);
      // A kind whose parser is not registered falls back to sniffing the output.
      this.cur = { command, firstLine: lineNo, lastLine: lineNo, chars: 0, route: route === SKIP || (route && route in PARSERS) ? route : undefined, buffer: [] };
      return;
    }
    if (/^#(\s|$)/.test(text)) {
      this.close(); // commentary between commands
      return;
    }
    if (!this.cur) {
      if (text.trim() === '') return;
      this.cur = { firstLine: lineNo, lastLine: lineNo, chars: 0, route: undefined, buffer: [] };
    }
    const c = this.cur;
    c.lastLine = lineNo;
    c.chars += text.length + 1;
    if (c.route === SKIP) return;
    if (c.parser) return c.parser.line(text, lineNo);
    if (c.route) {
      this.start(c.route);
      return c.parser!.line(text, lineNo);
    }
    c.buffer.push([text, lineNo]);
    if (c.buffer.length >= SNIFF_LINES) this.sniff();
  }

  finish(): void {
    this.close();
  }

  private start(kind: TextKind): void {
    const c = this.cur!;
    c.kind = kind;
    c.parser = (PARSERS[kind] as TextParserSpec<unknown>).create({ command: c.command });
    for (const [t, n] of c.buffer) c.parser.line(t, n);
    c.buffer = [];
  }

  private sniff(): void {
    const c = this.cur!;
    const head = c.buffer.map(([t]) => t).join('\n');
    const { kind } = detectTextKind('', head);
    if (kind) this.start(kind);
    else {
      if (c.command !== undefined && head.trim() !== '') {
        this.skipped.push({ section: c.command, firstLine: c.firstLine, reason: 'output not recognised as JVM evidence' });
      }
      c.route = SKIP;
      c.buffer = [];
    }
  }

  private close(): void {
    const c = this.cur;
    if (!c) return;
    this.cur = undefined;
    if (c.route === undefined && !c.parser) {
      this.cur = c;
      this.sniff();
      this.cur = undefined;
    }
    if (!c.parser || !c.kind) return;
    const data = c.parser.finish();
    const section = c.command ?? 'text outside any command';
    if (data === undefined) {
      this.skipped.push({ section, firstLine: c.firstLine, reason: `looked like ${c.kind} but held none of its content` });
      return;
    }
    this.sections.push({ kind: c.kind, section, firstLine: c.firstLine, lastLine: c.lastLine, chars: c.chars, data });
  }
}
