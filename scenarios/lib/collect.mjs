// What an engineer saves from a live JVM and its host when memory goes wrong, each command's output in
// its own file named after the command (the way people attach them to a ticket):
//   jstat -gc / -gccapacity / -gcutil <pid>, jcmd <pid> VM.flags / VM.command_line / Thread.print /
//   GC.class_histogram [/ VM.native_memory summary] [/ GC.heap_dump], /proc/<pid>/status, free -m,
//   top -b -n1 [and top -H -b -n1 -p <pid>].
// A command that fails is not written as evidence (an engineer would not attach an error message);
// it is reported back so the manifest says what is missing and why.

import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { saveOutput, run } from './proc.mjs';

/**
 * @param {number} pid the JVM
 * @param {string} dir the evidence folder
 * @param {{threadsView?: boolean, nativeMemory?: boolean, heapDump?: boolean, bundle?: string}} opts
 *   bundle: also run `jvmdoctor collect --pid` on the same JVM into this .tar.gz (collect's own tests
 *   compare its diagnosis with the hand-collected one)
 * @returns {Promise<{file: string, ok: boolean, note?: string}[]>}
 */
export async function collectSnapshots(pid, dir, opts = {}) {
  const results = [];
  const save = async (file, cmd, args, timeoutMs = 60_000) => {
    const path = join(dir, file);
    const r = await saveOutput(path, cmd, args, { timeoutMs });
    const ok = r.code === 0 && r.stdout.trim() !== '';
    results.push(ok ? { file, ok } : { file, ok, note: `${cmd} ${args.join(' ')} → ${r.code}: ${(r.stderr || r.stdout).trim().split('\n')[0]}` });
    return ok;
  };

  // Cheap, read-only views first (they do not stop the world), then the jcmd diagnostics.
  const procStatus = `/proc/${pid}/status`;
  if (existsSync(procStatus)) {
    // read + write, not copyFile: procfs files report size 0, and a kernel-side copy copies nothing.
    writeFileSync(join(dir, `proc-${pid}-status.txt`), readFileSync(procStatus));
    results.push({ file: `proc-${pid}-status.txt`, ok: true });
  }
  await save('free-m.txt', 'free', ['-m']);
  // -w 512: no truncated COMMAND column; -c: the full java command line, as `top` shows it after pressing c.
  await save('top.txt', 'top', ['-b', '-n', '1', '-c', '-w', '512']);
  if (opts.threadsView) await save(`top-H-p-${pid}.txt`, 'top', ['-H', '-b', '-n', '1', '-p', String(pid)]);
  for (const o of ['gc', 'gccapacity', 'gcutil']) await save(`jstat-${o}.txt`, 'jstat', [`-${o}`, String(pid)]);
  await save('jcmd-VM.flags.txt', 'jcmd', [String(pid), 'VM.flags']);
  await save('jcmd-VM.command_line.txt', 'jcmd', [String(pid), 'VM.command_line']);
  if (opts.nativeMemory) await save('jcmd-VM.native_memory-summary.txt', 'jcmd', [String(pid), 'VM.native_memory', 'summary']);
  await save('jcmd-Thread.print.txt', 'jcmd', [String(pid), 'Thread.print']);
  await save('jcmd-GC.class_histogram.txt', 'jcmd', [String(pid), 'GC.class_histogram']);
  if (opts.heapDump) {
    const file = `heap-${pid}.hprof`;
    const r = await run('jcmd', [String(pid), 'GC.heap_dump', join(dir, file)], { timeoutMs: 120_000 });
    const ok = r.code === 0 && existsSync(join(dir, file)) && statSync(join(dir, file)).size > 0;
    results.push(ok ? { file, ok } : { file, ok, note: `jcmd GC.heap_dump → ${r.code}: ${(r.stderr || r.stdout).trim().split('\n')[0]}` });
  }
  if (opts.bundle) {
    const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'jvmdoctor.js');
    const r = await run(process.execPath, [cli, 'collect', '--pid', String(pid), '--out', opts.bundle, '--samples', '3', '--interval', '300', '--histogram'], { timeoutMs: 120_000 });
    results.push(r.code === 0 ? { file: opts.bundle, ok: true } : { file: opts.bundle, ok: false, note: `jvmdoctor collect → ${r.code}: ${(r.stderr || r.stdout).trim().split('\n')[0]}` });
  }
  return results;
}
