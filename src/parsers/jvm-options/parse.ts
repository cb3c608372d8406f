// Reference: Apache Tomcat bin/catalina.sh and bin/setenv.sh conventions (JAVA_OPTS for every java
// command, CATALINA_OPTS for start/run only, both expanded on catalina.sh's `exec "$_RUNJAVA"` line,
// JAVA_OPTS first); catalina.bat's `set "JAVA_OPTS=%JAVA_OPTS% …"`; the JVM's environment variables
// JAVA_TOOL_OPTIONS (JVMTI spec, "Picked up JAVA_TOOL_OPTIONS: …" on stderr), JDK_JAVA_OPTIONS (JEP
// 293's launcher variable) and _JAVA_OPTIONS; jdk.jcmd's `VM.flags` (non-default flags on one line),
// `VM.flags -all` / `-XX:+PrintFlagsFinal` (HotSpot JVMFlag::print_on: "type name = value {kind}
// {origin}", JDK 8 marks changed values ":="), `VM.command_line` ("jvm_args:", "java_command:");
// `ps -ef` / `ps auxww` lines; Dockerfile ENV, docker-compose / Kubernetes env, systemd Environment=.
// Shell semantics (if-blocks, last one wins) are left to the interpreter: this lists every assignment
// and every option in file order.

import type { LineParser, TextParserSpec } from '../parser.js';
import type { FinalFlag, JavaCommand, JvmOption, JvmOptionSource, JvmOptionsReport, OptionAssignment } from './types.js';
import { shellWords } from './shell-words.js';
import { isJavaExecutable, isJvmOption, splitJavaArgs, unquote } from './option-tokens.js';
import { parseBytes } from '../../util/bytes.js';

/** Variables that hold JVM options by convention (Tomcat, the JVM itself, Kafka, Elasticsearch, Jetty, Gradle…). */
const OPTION_VARIABLE = /^(?:JAVA_OPTS|CATALINA_OPTS|JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS|_JAVA_OPTIONS|JVM_OPTS|JVM_ARGS|JAVA_ARGS|[A-Z0-9_]*_(?:JAVA_OPTS|JVM_OPTS|HEAP_OPTS|OPTS|JVM_ARGS|JVMFLAGS)|JVMFLAGS|JAVA_OPTIONS|MAVEN_OPTS|GRADLE_OPTS)$/;
const ASSIGN = /^(?:export\s+|declare\s+(?:-\w+\s+)*|typeset\s+|local\s+|readonly\s+)?([A-Za-z_][A-Za-z0-9_]*)(\+?=)([\s\S]*)$/;
const BAT_SET = /^set\s+("?)([A-Za-z_][A-Za-z0-9_]*)=(.*?)\1\s*$/i;
const DOCKER_ENV = /^ENV\s+([\s\S]+)$/;
const SYSTEMD_ENV = /^Environment=([\s\S]+)$/;
const YAML_NAME = /^-?\s*name:\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?\s*$/;
const YAML_VALUE = /^value:\s*(.*)$/;
const YAML_MAP = /^([A-Za-z_][A-Za-z0-9_]*):\s+(\S.*)$/;
const NOTICE = /Picked up (JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS):\s?(.*)$/;
const JCMD_PID = /^(\d+):$/;
const FINAL_FLAG = /^\s*([a-z_0-9]+)\s+([A-Za-z_][A-Za-z0-9_]*)\s+(:?=)\s*(.*?)\s*\{([^}]*)\}(?:\s*\{([^}]*)\})?\s*$/;
const VM_CMDLINE = /^(jvm_args|jvm_flags|java_command|java_class_path \(initial\)|Launcher Type):\s*(.*)$/;
/** Elasticsearch/Logstash jvm.options version guards: "8-13:-XX:+UseConcMarkSweepGC". */
const VERSION_GUARD = /^\d+(?:-\d*)?:(?=-)/;
const LOG_LINE = /^\s*(?:\d{4}-\d{2}-\d{2}[ T]\d|\d{2}-[A-Z][a-z]{2}-\d{4} \d|[A-Z][a-z]{2} \d{1,2}, \d{4}|\[\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}[.,]\d)/;
const MAX_CONTINUATION_LINES = 50;

function refersTo(value: string, variable: string): { appends: boolean; prepends: boolean } {
  const ref = `(?:\\$\\{?${variable}\\}?|%${variable}%)`;
  return { appends: new RegExp(`^\\s*${ref}(?:\\s|$)`).test(value), prepends: new RegExp(`(?:^|\\s)${ref}\\s*$`).test(value) && !new RegExp(`^\\s*${ref}\\s*$`).test(value) };
}

function optionWords(value: string): string[] {
  return value.split(/\s+/).map(unquote).filter(isJvmOption);
}

interface Physical { line: number; text: string }

/**
 * Options printed after a label: the memory calculator's "JVM Memory Configuration:", IDE and launcher
 * "VM Options:" / "JVM arguments:" lines, a service banner's "JVM options:".
 */
const PREFIXED_OPTIONS = /^(JVM Memory Configuration|VM [Oo]ptions|JVM [Aa]rguments|JVM [Aa]rgs|JVM [Oo]ptions|Java [Oo]ptions):\s*(-\S.*)$/;
/** java-buildpack-memory-calculator's refusal (cloudfoundry/java-buildpack-memory-calculator memory/allocate.go). */
const CALCULATOR_FAILED = /allocated memory is greater than (\S+) available for allocation: (.*)$/;

export const jvmOptionsParser: TextParserSpec<JvmOptionsReport> = {
  sniff(name, head) {
    const lines = head.split(/\r?\n/, 400).filter((l) => l.trim() !== '');
    const byName = /^(catalina|setenv|startup|tomcat\d*)\.(sh|bat|conf)$|^jvm\.options$|^\.?env$|^Dockerfile|java[-_]?opts|vm[-_.]?flags|command[-_.]?line|cmdline/i.test(name) ? 0.5 : 0;
    if (lines.length === 0) return byName;
    const logLike = lines.filter((l) => LOG_LINE.test(l)).length;
    if (logLike / lines.length > 0.3) return 0;
    if (lines.some((l) => l.trim() === '[Global flags]') || lines.filter((l) => FINAL_FLAG.test(l)).length >= 3) return 0.95;
    if (lines.some((l) => /^(jvm_args|java_command):/.test(l)) || lines.some((l) => l.trim() === 'VM Arguments:')) return 0.95;
    if (lines.some((l) => PREFIXED_OPTIONS.test(l.trim()) || CALCULATOR_FAILED.test(l))) return 0.9;
    const pidAt = lines.findIndex((l) => JCMD_PID.test(l.trim()));
    if (pidAt >= 0 && /^\s*-XX:/.test(lines[pidAt + 1] ?? '')) return 0.95;
    const code = lines.filter((l) => !/^\s*(#|rem\s|::|\/\/)/i.test(l));
    const optionAssignment = code.some((l) => {
      const t = l.trim().replace(/^-\s+/, '');
      const a = ASSIGN.exec(t) ?? (BAT_SET.exec(t) ? [t, BAT_SET.exec(t)![2]] : null) ?? /^ENV\s+([A-Za-z_]\w*)[=\s]/.exec(t) ?? /^Environment="?([A-Za-z_]\w*)=/.exec(t) ?? NOTICE.exec(t) ?? YAML_NAME.exec(t) ?? YAML_MAP.exec(t);
      return a !== null && OPTION_VARIABLE.test(a[1]);
    });
    if (optionAssignment) return 0.9;
    const commandLines = code.filter((l) => {
      const words = shellWords(l).words;
      const at = words.findIndex(isJavaExecutable);
      return at >= 0 && words.slice(at + 1).some((w) => isJvmOption(unquote(w)) || w === '-jar');
    });
    if (commandLines.length > 0 && code.length <= 20) return 0.85;
    const bare = code.filter((l) => { const w = l.trim().replace(VERSION_GUARD, '').split(/\s+/); return w.every((x) => isJvmOption(x)); });
    if (code.length > 0 && bare.length / code.length >= 0.6) return 0.85;
    if (commandLines.length > 0) return Math.max(byName, 0.5);
    return byName;
  },
  create(): LineParser<JvmOptionsReport> {
    const report: JvmOptionsReport = { assignments: [], options: [] };
    const calculatorArgs: { totalBytes?: number; threads?: number } = {};
    const formats = new Set<JvmOptionSource>();
    let pending: Physical[] = [];
    let yamlName: { name: string; line: number } | undefined;

    const addOption = (value: string, source: JvmOptionSource, physical: Physical[], cursor: { at: number }, variable?: string) => {
      // In a multi-line value, point at the physical line that holds the token.
      // Quotes were removed from the token, so search by its text up to the first quote or backslash.
      const key = value.replace(/["'\\].*$/, '');
      let i = cursor.at;
      while (i < physical.length - 1 && !physical[i].text.includes(key)) i++;
      if (!physical[i].text.includes(key)) i = cursor.at;
      cursor.at = i;
      const o: JvmOption = { value, line: physical[i].line, text: physical[i].text, source };
      if (variable) o.variable = variable;
      report.options.push(o);
      formats.add(source);
    };

    const assign = (variable: string, value: string, physical: Physical[], syntax: OptionAssignment['syntax'], plusEquals = false) => {
      const opts = optionWords(value);
      if (!OPTION_VARIABLE.test(variable) && opts.length === 0) return;
      const { appends, prepends } = refersTo(value, variable);
      const a: OptionAssignment = { variable, value, appends: appends || plusEquals, line: physical[0].line, text: physical[0].text };
      if (prepends) a.prepends = true;
      if (syntax) a.syntax = syntax;
      report.assignments.push(a);
      const cursor = { at: 0 };
      for (const o of opts) addOption(o, 'assignment', physical, cursor, variable);
    };

    const javaCommand = (command: JavaCommand, line: number, text: string) => {
      if (!report.javaCommand) report.javaCommand = { value: command, line, text };
    };

    /** One logical line (a shell line with its continuations); `physical` are its source lines. */
    const logical = (joined: string, physical: Physical[]) => {
      const t = joined.trim();
      const first = physical[0];
      if (t === '') return;
      const pid = JCMD_PID.exec(t);
      if (pid) {
        report.pid = { value: Number(pid[1]), line: first.line, text: first.text };
        return;
      }
      const ff = FINAL_FLAG.exec(t);
      if (ff) {
        const [, type, name, op, value, kind, origin] = ff;
        const flagOrigin = origin ?? (op === ':=' ? 'non-default' : 'default');
        const flag: FinalFlag = { type, value, origin: flagOrigin, kind };
        report.finalFlags ??= {};
        report.finalFlags[name] = { value: flag, line: first.line, text: first.text };
        if (flagOrigin !== 'default') {
          addOption(type === 'bool' ? `-XX:${value === 'true' ? '+' : '-'}${name}` : `-XX:${name}=${value}`, 'flags-final', physical, { at: 0 });
        }
        return;
      }
      if (t === '[Global flags]' || t === 'VM Arguments:') return;
      const prefixed = PREFIXED_OPTIONS.exec(t);
      if (prefixed) {
        const cursor = { at: 0 };
        for (const w of shellWords(prefixed[2]).words) if (isJvmOption(w)) addOption(w, 'vm-command-line', physical, cursor);
        if (/^JVM Memory Configuration$/i.test(prefixed[1])) report.memoryCalculator = { line: first.line, text: first.text, failed: false, ...calculatorArgs };
        return;
      }
      const calc = CALCULATOR_FAILED.exec(t);
      if (calc) {
        const cursor = { at: 0 };
        for (const w of calc[2].split(/,\s*/)) {
          const opt = w.replace(/\s+x\s+\d+\s+threads?$/, '').trim();
          if (isJvmOption(opt)) addOption(opt, 'vm-command-line', physical, cursor);
        }
        const threads = /x\s+(\d+)\s+threads?/.exec(calc[2]);
        report.memoryCalculator = { line: first.line, text: first.text, failed: true, ...calculatorArgs, totalBytes: parseBytes(calc[1]) ?? calculatorArgs.totalBytes, ...(threads ? { threads: Number(threads[1]) } : {}) };
        return;
      }
      // The calculator's own command line: what it was asked to divide.
      if (/java-buildpack-memory-calculator|memory-calculator/.test(t)) {
        const total = /--total-memory[= ](\S+)/.exec(t);
        const threads = /--thread-count[= ](\d+)/.exec(t);
        if (total) calculatorArgs.totalBytes = parseBytes(total[1]);
        if (threads) calculatorArgs.threads = Number(threads[1]);
        return;
      }
      const vm = VM_CMDLINE.exec(t);
      if (vm) {
        const words = shellWords(vm[2]).words;
        if (vm[1] === 'jvm_args' || vm[1] === 'jvm_flags') {
          const cursor = { at: 0 };
          for (const w of splitJavaArgs(words).options) addOption(w, 'vm-command-line', physical, cursor);
        } else if (vm[1] === 'java_command' && words.length > 0) {
          const command: JavaCommand = /\.jar$/i.test(words[0]) ? { jar: words[0], args: words.slice(1) } : { mainClass: words[0], args: words.slice(1) };
          javaCommand(command, first.line, first.text);
          formats.add('vm-command-line');
        }
        return;
      }
      const notice = NOTICE.exec(t);
      if (notice) {
        assign(notice[1], notice[2], physical, 'jvm-notice');
        return;
      }
      if (/^(#|rem\s|::|\/\/)/i.test(t) || /^rem$/i.test(t)) return;
      const sd = SYSTEMD_ENV.exec(t);
      if (sd) {
        for (const w of shellWords(sd[1]).words) {
          const eq = w.indexOf('=');
          if (eq > 0) assign(w.slice(0, eq), w.slice(eq + 1), physical, 'systemd');
        }
        return;
      }
      const de = DOCKER_ENV.exec(t);
      if (de) {
        const words = shellWords(de[1]).words;
        if (words.length > 0 && !words[0].includes('=')) assign(words[0], words.slice(1).join(' '), physical, 'dockerfile');
        else for (const w of words) { const eq = w.indexOf('='); if (eq > 0) assign(w.slice(0, eq), w.slice(eq + 1), physical, 'dockerfile'); }
        return;
      }
      const bat = BAT_SET.exec(t);
      if (bat) {
        assign(bat[2], bat[3], physical, 'bat');
        return;
      }
      const yn = YAML_NAME.exec(t);
      if (yn) {
        yamlName = { name: yn[1], line: first.line };
        return;
      }
      const yv = YAML_VALUE.exec(t);
      if (yv && yamlName && first.line - yamlName.line <= 2) {
        assign(yamlName.name, shellWords(yv[1]).words.join(' '), physical, 'yaml');
        yamlName = undefined;
        return;
      }
      const ym = YAML_MAP.exec(t);
      if (ym && OPTION_VARIABLE.test(ym[1])) {
        assign(ym[1], shellWords(ym[2]).words.join(' '), physical, 'yaml');
        return;
      }
      // docker-compose's list form "- JAVA_OPTS=-Xmx2g" is an env assignment too.
      const a = ASSIGN.exec(t.replace(/^-\s+(?=[A-Za-z_])/, ''));
      if (a) {
        const [, variable, op, rest] = a;
        const quoted = /^["']/.test(rest);
        const words = shellWords(rest).words;
        // `env` output and compose lists are not shell: an unquoted value runs to the end of the line.
        const value = !quoted && words.length > 1 && words.slice(1).every((w) => isJvmOption(w) || /^\$\{?\w+\}?$/.test(w)) ? words.join(' ') : (/^\s/.test(rest) ? '' : (words[0] ?? ''));
        assign(variable, value, physical, t.startsWith('- ') ? 'yaml' : 'shell', op === '+=');
        return;
      }
      const words = shellWords(t).words;
      const javaAt = words.findIndex(isJavaExecutable);
      if (javaAt >= 0) {
        const { options, command } = splitJavaArgs(words.slice(javaAt + 1));
        const cursor = { at: 0 };
        for (const o of options) addOption(o, 'command-line', physical, cursor);
        command.executable = unquote(words[javaAt]);
        if (options.length > 0 || command.mainClass || command.jar || command.module) javaCommand(command, first.line, first.text);
        return;
      }
      const bare = t.replace(VERSION_GUARD, '').split(/\s+/);
      if (bare.every((w) => isJvmOption(w))) {
        // jcmd VM.flags prints its flags on the line after "<pid>:"; other bare lists are option files.
        const source: JvmOptionSource = report.pid && report.pid.line === first.line - 1 ? 'vm-flags' : 'options-file';
        const cursor = { at: 0 };
        for (const w of bare) addOption(w, source, physical, cursor);
      }
    };

    const startsShellCommand = (t: string) => ASSIGN.test(t) || /^(ENV|Environment=|set\s)/i.test(t) || shellWords(t).words.some(isJavaExecutable) || /\\$/.test(t);

    return {
      line(text, line) {
        if (pending.length > 0) {
          pending.push({ line, text });
          const joined = pending.map((p) => p.text).join('\n');
          if (!shellWords(joined).incomplete || pending.length >= MAX_CONTINUATION_LINES) {
            const physical = pending;
            pending = [];
            logical(joined, physical);
          }
          return;
        }
        const t = text.trim();
        if (t !== '' && !/^(#|rem\s|::)/i.test(t) && startsShellCommand(t) && shellWords(t).incomplete) {
          pending = [{ line, text }];
          return;
        }
        logical(text, [{ line, text }]);
      },
      finish() {
        if (pending.length > 0) logical(pending.map((p) => p.text).join('\n'), pending);
        if (formats.size > 0) report.formats = [...formats];
        if (report.options.length === 0 && report.assignments.length === 0 && !report.finalFlags) {
          report.problem = 'no JVM options (-Xmx…, -XX:…, -D…) or JAVA_OPTS/CATALINA_OPTS assignments found';
        }
        return report;
      },
    };
  },
};

