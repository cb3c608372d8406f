// Finding the JVM to collect from, through /proc only (no JDK needed): a process is a HotSpot JVM when it
// maps libjvm.so or has an hsperfdata file. A JVM in a container is seen from the host with its host PID;
// its own files live under /proc/<pid>/root (its mount namespace), its own PID is the last NSpid entry,
// and the attach socket and hsperfdata file are named after that namespaced PID.

import { readFile, readdir, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { JvmdoctorError } from '../util/errors.js';

export class TargetError extends JvmdoctorError {
  override name = 'TargetError';
}

export interface ProcStatus {
  name: string;
  uid: number;
  gid: number;
  /** PIDs from the outermost namespace to the process's own: [host pid, …, pid inside its container]. */
  nspid: number[];
  /** Signals with a handler installed (SigCgt), as a bit mask: bit n-1 is signal n. */
  sigCgt: bigint;
  vmRssKb?: number;
  threads?: number;
}

export interface JvmTarget {
  pid: number;
  /** The PID the JVM knows itself by (its hsperfdata file and attach socket are named after it). */
  nspid: number;
  uid: number;
  gid: number;
  name: string;
  /** /proc/<pid>/root: the JVM's own filesystem view (its /tmp, its Tomcat, its logs). */
  root: string;
  cmdline: string[];
  /** Path (through root) of the JVM's hsperfdata file, when it has one. */
  hsperfdata?: string;
  mapsLibjvm: boolean;
  vmRssKb?: number;
  /** True when the JVM runs in another PID namespace than ours (a container, unshare). */
  namespaced: boolean;
  /** True when the JVM has a SIGQUIT handler: only then may SIGQUIT be sent (else it would kill it). */
  catchesSigquit: boolean;
}

export function parseProcStatus(text: string): ProcStatus {
  const field = (name: string): string | undefined => {
    const m = new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(text);
    return m?.[1].trim();
  };
  const ids = (v: string | undefined) => (v ?? '').split(/\s+/).filter(Boolean).map(Number);
  const rss = field('VmRSS');
  return {
    name: field('Name') ?? '',
    uid: ids(field('Uid'))[1] ?? ids(field('Uid'))[0] ?? -1, // effective uid: the one the JVM checks peers against
    gid: ids(field('Gid'))[1] ?? ids(field('Gid'))[0] ?? -1,
    nspid: ids(field('NSpid')),
    sigCgt: BigInt('0x' + (field('SigCgt') || '0')),
    vmRssKb: rss ? parseInt(rss, 10) : undefined,
    threads: field('Threads') ? parseInt(field('Threads')!, 10) : undefined,
  };
}

export const SIGQUIT = 3;

export function catchesSignal(status: ProcStatus, signal: number): boolean {
  return ((status.sigCgt >> BigInt(signal - 1)) & 1n) === 1n;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** libjvm.so in /proc/<pid>/maps: read as a stream would be nicer, but maps of a JVM are ~100 KB. */
async function mapsLibjvm(procRoot: string, pid: number): Promise<boolean> {
  const maps = await readText(join(procRoot, String(pid), 'maps'));
  return maps !== undefined && /\/libjvm\.so\b/.test(maps);
}

/** The hsperfdata file of a JVM: /tmp/hsperfdata_<user>/<nspid> as the JVM sees /tmp. */
export async function findHsperfdata(root: string, nspid: number): Promise<string | undefined> {
  const tmp = join(root, 'tmp');
  let dirs: string[];
  try {
    dirs = (await readdir(tmp)).filter((d) => d.startsWith('hsperfdata_'));
  } catch {
    return undefined;
  }
  for (const d of dirs) {
    const p = join(tmp, d, String(nspid));
    try {
      if ((await stat(p)).isFile()) return p;
    } catch { /* not this user's */ }
  }
  return undefined;
}

export async function describeProcess(pid: number, procRoot = '/proc'): Promise<JvmTarget | undefined> {
  const dir = join(procRoot, String(pid));
  const statusText = await readText(join(dir, 'status'));
  if (statusText === undefined) return undefined;
  const status = parseProcStatus(statusText);
  const cmdlineRaw = await readText(join(dir, 'cmdline'));
  const cmdline = (cmdlineRaw ?? '').split('\0').filter((a, i, all) => a !== '' || i < all.length - 1);
  const nspid = status.nspid.length > 0 ? status.nspid[status.nspid.length - 1] : pid;
  const root = join(dir, 'root');
  const hsperfdata = await findHsperfdata(root, nspid);
  const libjvm = await mapsLibjvm(procRoot, pid);
  // Our own PID namespace vs the target's: a different inode means another namespace.
  let namespaced = status.nspid.length > 1;
  try {
    namespaced = (await readlink(join(dir, 'ns', 'pid'))) !== (await readlink(join(procRoot, 'self', 'ns', 'pid')));
  } catch { /* keep the NSpid answer */ }
  return {
    pid,
    nspid,
    uid: status.uid,
    gid: status.gid,
    name: status.name,
    root,
    cmdline,
    hsperfdata,
    mapsLibjvm: libjvm,
    vmRssKb: status.vmRssKb,
    namespaced,
    catchesSigquit: catchesSignal(status, SIGQUIT),
  };
}

export function isJvm(t: JvmTarget): boolean {
  return t.mapsLibjvm || t.hsperfdata !== undefined;
}

/** Every JVM this user can see, biggest resident set first. */
export async function listJvms(procRoot = '/proc'): Promise<JvmTarget[]> {
  const self = process.pid;
  const pids = (await readdir(procRoot)).filter((n) => /^\d+$/.test(n)).map(Number).filter((p) => p !== self);
  const found: JvmTarget[] = [];
  for (const pid of pids) {
    const t = await describeProcess(pid, procRoot);
    if (t && isJvm(t)) found.push(t);
  }
  return found.sort((a, b) => (b.vmRssKb ?? 0) - (a.vmRssKb ?? 0));
}

/** --pid N, or the only / biggest JVM; a clear error when there is none or the PID is not a JVM. */
export async function resolveTarget(pid: number | undefined, procRoot = '/proc'): Promise<{ target: JvmTarget; note?: string }> {
  if (pid !== undefined) {
    const t = await describeProcess(pid, procRoot);
    if (!t) throw new TargetError(`no process ${pid} (or /proc/${pid} is not readable by this user)`);
    if (!isJvm(t)) throw new TargetError(`process ${pid} (${t.name}) is not a HotSpot JVM: it maps no libjvm.so and has no hsperfdata file`);
    return { target: t };
  }
  const all = await listJvms(procRoot);
  if (all.length === 0) throw new TargetError('no JVM found on this machine (no process maps libjvm.so or has an hsperfdata file); give --pid, --container or --pod');
  const note = all.length > 1
    ? `${all.length} JVMs found; collecting from the biggest (PID ${all[0].pid}, ${Math.round((all[0].vmRssKb ?? 0) / 1024)} MB resident); others: ${all.slice(1, 6).map((t) => t.pid).join(', ')}`
    : undefined;
  return { target: all[0], note };
}
