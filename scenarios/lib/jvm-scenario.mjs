// The shape shared by the plain-JVM scenarios: compile the program, start it with the flags an engineer
// would have set (GC log, heap dump on OOM into the evidence folder), wait until the program says the
// incident has happened, save the snapshots, stop the JVM by PID.

import { join } from 'node:path';
import { startLogged, stop } from './proc.mjs';
import { compileJava, gcLogOption, waitForLog } from './jvm.mjs';
import { collectSnapshots } from './collect.mjs';
import { checkJdkPrerequisites } from './prerequisites.mjs';

/**
 * @typedef {object} JvmScenarioSpec
 * @property {string} mainClass
 * @property {{src: string, out: string}[]} [compile]  extra source folders (relative to the scenario)
 *   compiled into work-folder subfolders, e.g. plugin classes that must not be on the class path
 * @property {(paths: {work: string, evidence: string}) => string[]} jvmOptions
 * @property {(paths: {work: string, evidence: string}) => string[]} [args]
 * @property {{pattern: RegExp, what: string, timeoutMs?: number}} ready  the log line that says the
 *   incident has happened and the program is idle (the moment an engineer would start collecting)
 * @property {{threadsView?: boolean, nativeMemory?: boolean, heapDump?: boolean}} [collect]
 */

/** @param {JvmScenarioSpec} spec */
export function jvmScenario(spec) {
  return async function run(ctx) {
    checkJdkPrerequisites();
    const { scenarioDir, workDir, evidenceDir, log } = ctx;
    const classes = await compileJava(join(scenarioDir, 'src'), join(workDir, 'classes'));
    for (const extra of spec.compile ?? []) await compileJava(join(scenarioDir, extra.src), join(workDir, extra.out));
    const paths = { work: workDir, evidence: evidenceDir };
    const appLog = join(evidenceDir, 'app.log');
    const args = [...spec.jvmOptions(paths), '-cp', classes, spec.mainClass, ...(spec.args?.(paths) ?? [])];
    const jvm = startLogged(spec.mainClass, 'java', args, { logFile: appLog, cwd: workDir, env: process.env });
    const result = { pid: jvm.pid, command: ['java', ...args].join(' '), collected: [] };
    try {
      log(`java pid ${jvm.pid}: waiting for ${spec.ready.what}`);
      await waitForLog(appLog, spec.ready.pattern, { proc: jvm, timeoutMs: spec.ready.timeoutMs ?? 60_000, what: spec.ready.what });
      result.collected = await collectSnapshots(jvm.pid, evidenceDir, { ...(spec.collect ?? {}), bundle: ctx.bundle });
    } finally {
      const how = await stop(jvm);
      result.stoppedWith = how.signal;
      result.exit = jvm.exitCode();
    }
    result.collected.unshift({ file: 'app.log', ok: true });
    return result;
  };
}

/**
 * The flags an engineer running a service sets: the collector named explicitly (G1, the JDK 17 default
 * on a "server-class" machine — pinned so a small CI box, where ergonomics would pick Serial, produces the
 * same GC log), a GC log, and a heap dump on OutOfMemoryError into the evidence folder.
 */
export function engineerFlags(evidence, { heapDumpOnOom = true } = {}) {
  const flags = ['-XX:+UseG1GC', gcLogOption(join(evidence, 'gc.log'))];
  if (heapDumpOnOom) flags.push('-XX:+HeapDumpOnOutOfMemoryError', `-XX:HeapDumpPath=${evidence}`);
  return flags;
}
