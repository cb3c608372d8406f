// Which command-line words are JVM options, and how the java launcher splits a command line into
// JVM options, main class (or -jar / -m) and program arguments.
// Reference: the java launcher, src/java.base/share/native/libjli/java.c (ParseArguments: options
// stop at the first word that is not an option; -jar/-m take the next word; "--opt value" and
// "--opt=value" forms of the module options) and HotSpot's Arguments::parse_each_vm_init_arg
// (src/hotspot/share/runtime/arguments.cpp) for -X…, -XX:…, -D…, -agentlib/-agentpath/-javaagent.

import type { JavaCommand } from './types.js';

const SIMPLE = /^-(?:X\S+|D[^=\s]\S*|javaagent:\S+|agentlib:\S+|agentpath:\S+|server|client|d32|d64|verbose(?::\S+)?|ea(?::\S*)?|da(?::\S*)?|enableassertions(?::\S*)?|disableassertions(?::\S*)?|esa|dsa|enablesystemassertions|disablesystemassertions|splash:\S+|showversion|XshowSettings\S*)$/;
/** Launcher options that take the next word as their value ("--add-opens java.base/java.lang=ALL-UNNAMED"). */
const WITH_VALUE = new Set(['--add-opens', '--add-exports', '--add-reads', '--add-modules', '--patch-module', '--limit-modules', '--enable-native-access', '--upgrade-module-path', '--module-path', '-p', '--class-path', '-classpath', '-cp', '--source']);
/** Of those, the ones that are worth listing as JVM options (paths are not). */
const LISTED_WITH_VALUE = new Set(['--add-opens', '--add-exports', '--add-reads', '--add-modules', '--patch-module', '--limit-modules', '--enable-native-access']);
const LONG_WITH_EQUALS = /^--(?:add-opens|add-exports|add-reads|add-modules|patch-module|limit-modules|enable-native-access|illegal-access)=\S+$|^--enable-preview$/;

/** Removes literal quotes left around a word by escaped quoting ("\"$_RUNJAVA\"" → $_RUNJAVA). */
export function unquote(word: string): string {
  let w = word;
  while (w.length >= 2 && (w[0] === '"' || w[0] === "'") && w[w.length - 1] === w[0]) w = w.slice(1, -1);
  return w;
}

/** True for a word the JVM (not the program) consumes: -Xmx4g, -XX:+UseG1GC, -Dk=v, -javaagent:…, --add-opens=… */
export function isJvmOption(word: string): boolean {
  return SIMPLE.test(word) || LONG_WITH_EQUALS.test(word);
}

/** The java executable word of a command line: java, /usr/bin/java, java.exe, "$_RUNJAVA" (catalina.sh), $JAVA. */
export function isJavaExecutable(word: string): boolean {
  const w = unquote(word);
  return /(^|[\\/])javaw?(\.exe)?$/i.test(w) || /^\$\{?(_RUNJAVA|JAVA|JAVACMD|JAVA_EXE|_EXECJAVA|JAVA_BIN)\}?$/.test(w);
}

/**
 * Splits the words after the java executable as the launcher does: JVM options until the first word
 * that is not an option (the main class), or -jar FILE / -m MODULE; the rest are program arguments.
 * Shell variable references ($JAVA_OPTS) are skipped: they are expanded elsewhere.
 */
export function splitJavaArgs(words: string[]): { options: string[]; command: JavaCommand } {
  const options: string[] = [];
  const command: JavaCommand = { args: [] };
  for (let i = 0; i < words.length; i++) {
    const w = unquote(words[i]);
    if (isJvmOption(w)) {
      options.push(w);
      continue;
    }
    if (WITH_VALUE.has(w)) {
      if (LISTED_WITH_VALUE.has(w) && i + 1 < words.length) options.push(`${w}=${unquote(words[i + 1])}`);
      i++;
      continue;
    }
    if (w === '-jar' || w === '-m' || w === '--module') {
      if (i + 1 < words.length) {
        if (w === '-jar') command.jar = unquote(words[i + 1]);
        else command.module = unquote(words[i + 1]);
      }
      command.args = words.slice(i + 2).map(unquote);
      break;
    }
    // Unexpanded variables, argument files (@argfile), other launcher switches (-version, --dry-run).
    if (w.startsWith('$') || w.startsWith('%') || w.startsWith('@') || w.startsWith('-') || w === '') continue;
    command.mainClass = w;
    command.args = words.slice(i + 1).map(unquote);
    break;
  }
  return { options, command };
}
