// What is gathered from one JVM process, from the host: /proc, cgroup, host memory views, hsperfdata
// (jstat), the attach mechanism (jcmd), Tomcat's scripts and logs, GC logs named by its flags.
// Bundle names follow what engineers attach to tickets (and what `diagnose` sniffs by name).

import { readdir, readFile, readlink, stat } from 'node:fs/promises';
import { join, isAbsolute, dirname, basename } from 'node:path';
import type { Collection } from './engine.js';
import type { JvmTarget } from './targets.js';
import { parsePerfData, formatJstat, formatCounters, text as perfText, type PerfData } from './hsperfdata.js';
import { openAttach, jcmd, attachDisabledBy, sigquitThreadDump, type AttachSession } from './attach.js';
import { readCapped, readText } from './files.js';
import { heapDumpStep } from './heap-dump.js';

export interface ProcessGatherOptions {
  samples: number;
  intervalMs: number;
  histogram: boolean;
  heapDump: boolean;
  /** Put the heap dump into the bundle (never by default: it holds every secret in the heap). */
  bundleHeapDump: boolean;
  force: boolean;
  logBytes: number;
  /** Skip host views (free, top, meminfo) when gathering for a container from inside. */
  hostViews: boolean;
  /** Where to write a heap dump on the host side when asked (the bundle's folder). */
  outDir: string;
}

const SMALL = 4 * 1024 * 1024;

export function shellQuote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

export async function gatherProcess(c: Collection, t: JvmTarget, o: ProcessGatherOptions): Promise<void> {
  const proc = `/proc/${t.pid}`;
  const environText = await readFile(join(proc, 'environ')).then((b) => b.toString('utf8').split('\0').filter(Boolean).join('\n') + '\n', () => undefined);
  const cmdlineText = t.cmdline.map(shellQuote).join(' ') + '\n';

  await c.step('proc.cmdline', 5_000, async (s) => {
    s.add('cmdline.txt', cmdlineText);
  });
  await c.step('proc.environ', 5_000, async (s) => {
    if (environText === undefined) return { status: 'failed', reason: `${proc}/environ is not readable by this user` };
    s.add('environ.txt', environText);
    // The JVM option variables again, in setenv.sh's shape, so `diagnose` reads them as JVM options.
    const opts = environText.split('\n').filter((l) => /^(JAVA_OPTS|CATALINA_OPTS|JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS|_JAVA_OPTIONS)=/.test(l));
    if (opts.length) s.add('env-java-opts.sh', opts.map((l) => `export ${l.slice(0, l.indexOf('='))}="${l.slice(l.indexOf('=') + 1).replace(/"/g, '\\"')}"`).join('\n') + '\n');
  });
  for (const [file, name] of [['status', 'proc-status.txt'], ['smaps_rollup', 'smaps_rollup.txt'], ['limits', 'proc-limits.txt']] as const) {
    await c.step(`proc.${file}`, 5_000, async (s) => {
      const r = await readText(join(proc, file), SMALL);
      s.add(name, r.text);
    });
  }
  await c.step('proc.task.stat', 10_000, async (s) => {
    const tids = (await readdir(join(proc, 'task'))).filter((x) => /^\d+$/.test(x));
    const rows = ['# tid state utime_ticks stime_ticks name   (from /proc/PID/task/*/stat and comm)'];
    for (const tid of tids) {
      const st = await readFile(join(proc, 'task', tid, 'stat'), 'utf8').catch(() => '');
      const close = st.lastIndexOf(')');
      if (close < 0) continue;
      const comm = st.slice(st.indexOf('(') + 1, close);
      const f = st.slice(close + 2).split(' ');
      rows.push(`${tid} ${f[0]} ${f[11]} ${f[12]} ${comm}`);
    }
    s.add('threads.txt', rows.join('\n') + '\n');
    return { note: `${tids.length} threads` };
  });
  await gatherCgroup(c, t);
  if (o.hostViews) await gatherHostViews(c, t);

  const perf = await gatherHsperfdata(c, t, o);

  // The attach mechanism; DisableAttachMechanism may come from the command line, the environment or .hotspotrc.
  const disabledBy = attachDisabledBy([
    { name: 'command line', text: t.cmdline.join(' ') },
    { name: 'JAVA_TOOL_OPTIONS/JDK_JAVA_OPTIONS', text: (environText ?? '').split('\n').filter((l) => /^(JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS|_JAVA_OPTIONS)=/.test(l)).join(' ') },
    { name: 'the JVM\'s arguments (hsperfdata)', text: (perf && perfText(perf, 'java.rt.vmArgs')) ?? '' },
  ]);
  let session: AttachSession | undefined;
  await c.step('attach', 15_000, async () => {
    const r = await openAttach(t, { timeoutMs: 10_000, disabledBy });
    if (!r.ok) return { status: 'failed', reason: r.reason };
    session = r.session;
    return { note: r.session.triggered ? `attach listener started (trigger file + one SIGQUIT); socket ${r.session.socket}` : r.note };
  });
  if (session) {
    const cmds: [string, string, number][] = [
      ['VM.version', 'jcmd-VM.version.txt', 10_000],
      ['VM.command_line', 'jcmd-VM.command_line.txt', 10_000],
      ['VM.flags', 'jcmd-VM.flags.txt', 10_000],
      ['GC.heap_info', 'jcmd-GC.heap_info.txt', 10_000],
      ['VM.native_memory summary', 'jcmd-VM.native_memory-summary.txt', 20_000],
      ['Thread.print -l', 'jcmd-Thread.print.txt', 30_000],
    ];
    if (o.histogram) cmds.push(['GC.class_histogram', 'jcmd-GC.class_histogram.txt', 120_000]);
    for (const [cmd, file, timeout] of cmds) {
      await c.step(`jcmd ${cmd}`, timeout + 1_000, async (s) => {
        const r = await jcmd(session!, cmd, { timeoutMs: timeout });
        if (!r.ok) {
          const off = /not enabled/i.test(r.error ?? '');
          return { status: off ? 'skipped' : 'failed', reason: off ? 'Native Memory Tracking is off (start the JVM with -XX:NativeMemoryTracking=summary)' : r.error, command: `jcmd ${t.pid} ${cmd}`, exitCode: r.code };
        }
        // jcmd prints "<pid>:" before the JVM's answer; the bundle keeps jcmd's shape.
        s.add(file, `${t.pid}:\n${r.output}`);
        return { command: `jcmd ${t.pid} ${cmd}`, exitCode: r.code, note: cmd === 'GC.class_histogram' ? 'GC.class_histogram runs a full GC first (the JVM pauses)' : undefined };
      });
    }
    if (o.heapDump) await heapDumpStep(c, t, session, o);
  } else {
    await c.step('thread dump (SIGQUIT fallback)', 10_000, async (s) => {
      if (disabledBy === undefined && !t.catchesSigquit) return { status: 'skipped', reason: 'the JVM does not catch SIGQUIT: no fallback thread dump' };
      const r = await sigquitThreadDump(t);
      if (r.dump) s.add('thread-dump-sigquit.txt', r.dump);
      return { status: r.dump ? 'ok' : r.sent ? 'partial' : 'skipped', note: r.note };
    });
    if (o.heapDump) c.notGathered.push({ what: 'heap dump', why: 'needs the attach mechanism, which is not available' });
  }

  await c.step('java -version', 20_000, async (s) => {
    const exe = await readlink(join(proc, 'exe')).catch(() => undefined);
    if (!exe) return { status: 'failed', reason: `${proc}/exe is not readable` };
    // The target's own java binary, run in the target's mount namespace (nsenter) when it is in a container.
    const args = t.namespaced ? ['nsenter', ['-t', String(t.pid), '-m', '-p', '--', exe.replace(/ \(deleted\)$/, ''), '-version']] as const : [exe, ['-version']] as const;
    const r = await c.run(args[0], [...args[1]], { timeoutMs: 15_000, maxBytes: 64 * 1024 });
    const out = r.stderr.toString('utf8') || r.stdout.toString('utf8');
    if (r.code !== 0 || !/version "/.test(out)) {
      // The JVM's own properties say the same, without running anything.
      if (perf) {
        s.add('jvm-properties.txt', ['java.version', 'java.vm.name', 'java.vm.version', 'java.vm.vendor', 'java.home'].map((k) => `${k}=${perfText(perf, 'java.property.' + k) ?? ''}`).join('\n') + '\n');
      }
      return { status: 'failed', command: [args[0], ...args[1]].join(' '), exitCode: r.code, reason: `${r.spawnError ?? (out.trim().split('\n')[0] || 'no output')}${perf ? '; the version is in jvm-properties.txt (from hsperfdata)' : ''}` };
    }
    s.add('java-version.txt', out);
    return { command: [args[0], ...args[1]].join(' '), exitCode: r.code };
  });

  await gatherTomcat(c, t, o);
  await gatherGcLogs(c, t, o, perf);
  await gatherStdout(c, t, o);
  await gatherHsErr(c, t);
}

async function gatherCgroup(c: Collection, t: JvmTarget): Promise<void> {
  await c.step('cgroup memory', 10_000, async (s) => {
    const lines = (await readFile(`/proc/${t.pid}/cgroup`, 'utf8')).trim().split('\n');
    const v2 = lines.find((l) => l.startsWith('0::'));
    const v1 = lines.find((l) => /^\d+:[^:]*\bmemory\b[^:]*:/.test(l));
    const found: string[] = [];
    const take = async (dir: string, names: string[]) => {
      for (const n of names) {
        try {
          const r = await readText(join(dir, n), SMALL);
          s.add(`cgroup/${n}`, r.text);
          found.push(n);
        } catch { /* not in this cgroup version / level */ }
      }
    };
    if (v1) {
      const path = v1.split(':').slice(2).join(':');
      await take(await cgroupDir('/sys/fs/cgroup/memory', path), ['memory.limit_in_bytes', 'memory.usage_in_bytes', 'memory.max_usage_in_bytes', 'memory.failcnt', 'memory.stat', 'memory.oom_control', 'memory.memsw.limit_in_bytes']);
    }
    if (v2 && found.length === 0) {
      const path = v2.slice(3);
      await take(await cgroupDir('/sys/fs/cgroup', path), ['memory.max', 'memory.current', 'memory.peak', 'memory.high', 'memory.events', 'memory.stat', 'memory.swap.max', 'memory.swap.current', 'memory.pressure']);
    }
    if (found.length === 0) return { status: 'failed', reason: `no memory controller files found for ${t.pid} (${lines.join(' | ')})` };
    return { note: `${v1 ? 'cgroup v1' : 'cgroup v2'}: ${found.join(', ')}` };
  });
}

/**
 * The folder of a cgroup path under a mount. Inside a container without its own cgroup namespace,
 * /proc/<pid>/cgroup names the host's path (/docker/<id>) while the container's own cgroup is mounted at
 * the root: try the full path, then ever shorter tails of it, down to the mount itself.
 */
async function cgroupDir(mount: string, path: string): Promise<string> {
  const parts = path.split('/').filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const dir = join(mount, ...parts.slice(i));
    if (await stat(dir).then((st) => st.isDirectory(), () => false)) return dir;
  }
  return join(mount, path);
}

async function gatherHostViews(c: Collection, t: JvmTarget): Promise<void> {
  await c.step('host /proc/meminfo', 5_000, async (s) => {
    s.add('meminfo.txt', (await readText('/proc/meminfo', SMALL)).text);
  });
  await c.step('free -m', 10_000, async (s) => {
    const r = await c.run('free', ['-m'], { timeoutMs: 8_000, maxBytes: 64 * 1024 });
    const out = s.ran('free', ['-m'], r);
    if (out) s.add('free-m.txt', out);
  });
  await c.step('top -b -n 1', 15_000, async (s) => {
    const args = ['-b', '-n', '1', '-c', '-w', '512'];
    const out = s.ran('top', args, await c.run('top', args, { timeoutMs: 12_000, maxBytes: 1024 * 1024 }));
    if (out) s.add('top.txt', out);
  });
  await c.step('top -H -p', 15_000, async (s) => {
    const args = ['-H', '-b', '-n', '1', '-w', '512', '-p', String(t.pid)];
    const out = s.ran('top', args, await c.run('top', args, { timeoutMs: 12_000, maxBytes: 2 * 1024 * 1024 }));
    if (out) s.add(`top-H-p-${t.pid}.txt`, out);
  });
  // This process by PID, and its memory cgroup (a container's kills name it in oom_memcg/task_memcg),
  // unless that cgroup is the root or a systemd slice shared by everything on the host.
  const keys = [`process ${t.pid} `, `pid=${t.pid},`];
  try {
    const memcg = (await readFile(`/proc/${t.pid}/cgroup`, 'utf8')).split('\n').map((l) => l.split(':')).find((f) => f[1] === '' || f[1]?.split(',').includes('memory'))?.[2];
    if (memcg && memcg !== '/' && !/^\/(user|system)\.slice(\/[^/]*\.(slice|scope))?$/.test(memcg) && !memcg.startsWith('/init.scope')) keys.push(`memcg=${memcg},`, `memcg=${memcg}\n`);
  } catch { /* the process is gone: its PID is all we have */ }
  await gatherKernelOom(c, keys);
}

/**
 * Kernel OOM-killer lines from dmesg, when this user may read the kernel log. The log is the whole
 * host's: only lines about this target (its PID, its memory cgroup, its container id) are kept, so
 * another JVM's or service's OOM kill on the same host does not land in this diagnosis (on a shared
 * CI host the kernel log holds other tests' kills). A kill's record spans several lines; the
 * "invoked oom-killer" and "oom-kill:constraint" lines of the same kill are kept with it.
 */
export async function gatherKernelOom(c: Collection, keys: string[]): Promise<void> {
  await c.step('kernel OOM killer', 10_000, async (s) => {
    const r = await c.run('dmesg', ['-T'], { timeoutMs: 8_000, maxBytes: 8 * 1024 * 1024 });
    if (r.code !== 0) return { status: 'skipped', reason: `dmesg not readable here (${(r.spawnError ?? r.stderr.toString().trim().split('\n')[0]) || 'exit ' + r.code})`, command: 'dmesg -T', exitCode: r.code };
    const all = r.stdout.toString('utf8').split('\n');
    const oomLine = (l: string) => /out of memory|oom-kill|oom_reaper|Killed process|invoked oom-killer/i.test(l);
    const mine = (l: string) => keys.some((k) => (l + '\n').includes(k));
    const keep = new Uint8Array(all.length);
    for (let i = 0; i < all.length; i++) {
      if (!oomLine(all[i]) || !mine(all[i])) continue;
      keep[i] = 1;
      // The same kill's earlier lines (invoked oom-killer … constraint=…), up to the previous kill.
      for (let j = i - 1; j >= 0 && i - j <= 400 && !/Killed process|oom_reaper/.test(all[j]); j--) if (oomLine(all[j])) keep[j] = 1;
    }
    const lines = all.filter((_, i) => keep[i] === 1);
    if (lines.length) s.add('kernel-oom.log', lines.slice(-400).join('\n') + '\n');
    return { command: 'dmesg -T', exitCode: 0, note: `${lines.length} OOM-killer lines` };
  });
}

async function gatherHsperfdata(c: Collection, t: JvmTarget, o: ProcessGatherOptions): Promise<PerfData | undefined> {
  let last: PerfData | undefined;
  await c.step('hsperfdata', o.samples * o.intervalMs + 10_000, async (s) => {
    if (!t.hsperfdata) return { status: 'failed', reason: 'no hsperfdata file (-XX:-UsePerfData, -XX:+PerfDisableSharedMem, or /tmp not shared with the JVM)' };
    const samples: PerfData[] = [];
    for (let i = 0; i < o.samples; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, o.intervalMs));
      samples.push(parsePerfData(await readFile(t.hsperfdata!)));
    }
    last = samples[samples.length - 1];
    // The header line says what these are and how they were made, as `jstat` would have been run.
    const secs = Math.max(1, Math.round(o.intervalMs));
    s.add('jstat-gccapacity.txt', formatJstat(samples, 'gccapacity'));
    s.add('jstat-gc.txt', formatJstat(samples, 'gc'));
    s.add('hsperfdata-counters.txt', formatCounters(last));
    const problems = samples.flatMap((p) => p.problems);
    return { note: `${samples.length} samples ${secs} ms apart from ${t.hsperfdata.replace(t.root, '<target root>')}, as jstat -gccapacity/-gc ${t.pid} ${secs} ${samples.length}${problems.length ? '; ' + problems[0] : ''}`, status: problems.length ? 'partial' : 'ok' };
  });
  return last;
}

/** CATALINA_HOME / CATALINA_BASE from the command line (-Dcatalina.home=… as catalina.sh passes them). */
function catalinaDirs(t: JvmTarget): { home?: string; base?: string } {
  const d = (k: string) => t.cmdline.find((a) => a.startsWith(`-D${k}=`))?.slice(k.length + 3);
  return { home: d('catalina.home'), base: d('catalina.base') };
}

async function gatherTomcat(c: Collection, t: JvmTarget, o: ProcessGatherOptions): Promise<void> {
  const { home, base } = catalinaDirs(t);
  if (!home && !base) return;
  await c.step('tomcat scripts', 10_000, async (s) => {
    const seen = new Set<string>();
    for (const [dir, label] of [[home, 'home'], [base, 'base']] as const) {
      if (!dir) continue;
      for (const f of ['catalina.sh', 'setenv.sh']) {
        const p = join(dir, 'bin', f);
        if (seen.has(p)) continue;
        seen.add(p);
        try {
          s.add(`tomcat/${label}/bin/${f}`, (await readText(join(t.root, p), SMALL)).text);
        } catch { /* not every base has a setenv.sh */ }
      }
    }
    return { note: `CATALINA_HOME ${home ?? '?'}, CATALINA_BASE ${base ?? '?'}` };
  });
  await c.step('tomcat logs', 20_000, async (s) => {
    const logs = join(t.root, base ?? home!, 'logs');
    const names = await readdir(logs);
    // The newest of each family: catalina.out, catalina.<date>.log, localhost.<date>.log.
    const families = new Map<string, { name: string; mtime: number }>();
    for (const n of names) {
      const fam = /^(catalina|localhost)\.\d{4}-\d{2}-\d{2}\.log$/.exec(n)?.[1] ?? (n === 'catalina.out' ? 'out' : undefined);
      if (!fam) continue;
      const st = await stat(join(logs, n));
      if (!families.has(fam) || families.get(fam)!.mtime < st.mtimeMs) families.set(fam, { name: n, mtime: st.mtimeMs });
    }
    let truncated = false;
    for (const { name } of families.values()) {
      const r = await readCapped(join(logs, name), o.logBytes, { tail: true });
      truncated ||= r.truncated;
      s.add(`tomcat/logs/${name}`, r.data.toString('utf8'));
    }
    return { truncated, note: families.size ? undefined : `no catalina/localhost logs in ${base ?? home}/logs` };
  });
}

/** GC log paths from -Xlog:gc…:file=<path> or -Xloggc:<path> (with %p / %t expanded by matching). */
export function gcLogPaths(args: string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    const old = /^-Xloggc:(.+)$/.exec(a);
    if (old) out.push(old[1]);
    const m = /^-Xlog:[^:]*:(?:file=)?([^:]+)/.exec(a);
    if (m && /^-Xlog:[^:]*gc/.test(a) && !/^(stdout|stderr)$/.test(m[1])) out.push(m[1].replace(/^"|"$/g, ''));
  }
  return out;
}

async function gatherGcLogs(c: Collection, t: JvmTarget, o: ProcessGatherOptions, perf?: PerfData): Promise<void> {
  const paths = gcLogPaths(t.cmdline);
  const vmArgs = perf && perfText(perf, 'java.rt.vmArgs');
  if (vmArgs) for (const p of gcLogPaths(vmArgs.split(/\s+/))) if (!paths.includes(p)) paths.push(p);
  if (paths.length === 0) return;
  await c.step('gc logs', 20_000, async (s) => {
    const cwd = await readlink(`/proc/${t.pid}/cwd`).catch(() => '/');
    const missing: string[] = [];
    let truncated = false;
    for (const p of paths) {
      const abs = isAbsolute(p) ? p : join(cwd, p);
      const dir = dirname(abs);
      const pattern = new RegExp('^' + basename(abs).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/%p/g, String(t.nspid)).replace(/%t/g, '[\\d_-]+').replace(/%[a-z]/g, '.*') + '(\\.\\d+)?$');
      const names = (await readdir(join(t.root, dir)).catch(() => [] as string[])).filter((n) => pattern.test(n));
      if (names.length === 0) missing.push(p);
      for (const n of names.slice(0, 5)) {
        const r = await readCapped(join(t.root, dir, n), o.logBytes, { tail: true });
        truncated ||= r.truncated;
        s.add(`gc/${n}`, r.data.toString('utf8'));
      }
    }
    return { truncated, status: missing.length && missing.length === paths.length ? 'failed' : 'ok', reason: missing.length ? `not found: ${missing.join(', ')}` : undefined };
  });
}

/** The JVM's stdout/stderr when they are files (a service's redirected log, often catalina.out). */
async function gatherStdout(c: Collection, t: JvmTarget, o: ProcessGatherOptions): Promise<void> {
  const targets = new Map<string, string>();
  for (const fd of ['1', '2']) {
    const link = await readlink(`/proc/${t.pid}/fd/${fd}`).catch(() => undefined);
    if (!link || !link.startsWith('/') || /^\/dev\//.test(link)) continue;
    const st = await stat(`/proc/${t.pid}/fd/${fd}`).catch(() => undefined);
    if (st?.isFile() && !targets.has(link)) targets.set(link, fd);
  }
  const already = new Set(c.files.map((f) => f.name.split('/').pop()));
  for (const [link, fd] of targets) {
    if (already.has(basename(link))) continue;
    await c.step(`stdout file (fd ${fd})`, 15_000, async (s) => {
      const r = await readCapped(`/proc/${t.pid}/fd/${fd}`, o.logBytes, { tail: true });
      s.add(`stdout/${basename(link)}`, r.data.toString('utf8'));
      return { truncated: r.truncated, note: link };
    });
  }
}

async function gatherHsErr(c: Collection, t: JvmTarget): Promise<void> {
  const cwd = await readlink(`/proc/${t.pid}/cwd`).catch(() => undefined);
  if (!cwd) return;
  const names = (await readdir(`/proc/${t.pid}/cwd`).catch(() => [] as string[])).filter((n) => /^hs_err_pid\d+\.log$/.test(n));
  if (names.length === 0) return;
  await c.step('hs_err files', 10_000, async (s) => {
    for (const n of names.slice(0, 3)) s.add(`hs_err/${n}`, (await readText(`/proc/${t.pid}/cwd/${n}`, SMALL)).text);
  });
}
