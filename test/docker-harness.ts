// Test-only: a private dockerd for the container tests (Debian's docker.io), started with its own
// --data-root/--exec-root under a temp folder, no iptables and no bridge (no network changes on the
// machine), and stopped by its PID (containers removed first, then dockerd, then its containerd).
// Images are built without a registry: a jlink'ed Java runtime plus the libraries it links, as a
// rootfs tarball given to `docker import` — one image with no shell at all, one with /bin/sh.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCommand, type CommandRunner } from '../src/collect/runner.js';
import { repoRoot } from './support.js';

export interface Dockerd {
  host: string;
  env: NodeJS.ProcessEnv;
  runner: CommandRunner;
  docker(...args: string[]): { status: number | null; stdout: string; stderr: string };
  stop(): Promise<void>;
}

/** Why dockerd cannot run here, or undefined when it can be tried. */
export function dockerUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'dockerd needs root';
  for (const c of ['dockerd', 'docker', 'jlink']) if (spawnSync('sh', ['-c', `command -v ${c}`]).status !== 0) return `${c} is not installed (Debian docker.io / openjdk-17-jdk-headless)`;
  return undefined;
}

export async function startDockerd(): Promise<Dockerd> {
  const dir = mkdtempSync('/tmp/jvmdoctor-dockerd-');
  const sock = join(dir, 'docker.sock');
  const host = `unix://${sock}`;
  const log: Buffer[] = [];
  const child: ChildProcess = spawn('dockerd', [
    '--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'), '--pidfile', join(dir, 'dockerd.pid'),
    '--host', host, '--iptables=false', '--ip6tables=false', '--bridge=none', '--storage-driver=overlay2',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (b: Buffer) => log.push(b));
  child.stderr!.on('data', (b: Buffer) => log.push(b));
  const env = { ...process.env, DOCKER_HOST: host };
  const docker = (...args: string[]) => {
    const r = spawnSync('docker', args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const ids = docker('ps', '-aq').stdout.trim().split('\n').filter(Boolean);
      if (ids.length) docker('rm', '-f', ...ids);
      const containerdPid = Number(readIf(join(dir, 'exec', 'containerd', 'containerd.pid')) ?? NaN);
      process.kill(child.pid!, 'SIGTERM');
      const deadline = Date.now() + 15_000;
      while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL');
      if (Number.isFinite(containerdPid)) {
        try { process.kill(containerdPid, 'SIGKILL'); } catch { /* stopped with dockerd */ }
      }
    }
    // Leftover overlay mounts under the data root would make the folder impossible to remove.
    const mounts = readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1]).filter((m) => m && m.startsWith(dir)).reverse();
    for (const m of mounts) spawnSync('umount', ['-l', m]);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`dockerd exited: ${Buffer.concat(log).toString().split('\n').slice(-5).join('\n')}`);
    }
    if (existsSync(sock) && docker('version', '--format', '{{.Server.Version}}').status === 0) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`dockerd did not answer in 60 s: ${Buffer.concat(log).toString().split('\n').slice(-5).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const runner: CommandRunner = (cmd, args, opts = {}) => runCommand(cmd, args, { ...opts, env: { ...env, ...opts.env } });
  return { host, env, runner, docker, stop };
}

function readIf(p: string): string | undefined {
  try { return readFileSync(p, 'utf8'); } catch { return undefined; }
}

function copyWithParents(src: string, root: string): void {
  const dest = join(root, src);
  if (existsSync(dest)) return;
  mkdirSync(dirname(dest), { recursive: true });
  copyFileSync(src, dest);
}

/**
 * Builds a rootfs with a jlink'ed runtime (java.base, jdk.management for the usual server) at /opt/jre,
 * the shared libraries it links (from ldd), the collect test classes at /app, and optionally /bin/sh;
 * then `docker import`s it as `tag`.
 */
export function buildJreImage(d: Dockerd, tag: string, opts: { shell: boolean; extra?: { src: string; dest: string }[] }): void {
  const work = mkdtempSync('/tmp/jvmdoctor-rootfs-');
  try {
    const root = join(work, 'rootfs');
    const jre = join(root, 'opt', 'jre');
    mkdirSync(dirname(jre), { recursive: true });
    const jl = spawnSync('jlink', ['--add-modules', 'java.base,java.management', '--no-header-files', '--no-man-pages', '--strip-debug', '--output', jre], { encoding: 'utf8' });
    if (jl.status !== 0) throw new Error(`jlink failed: ${jl.stderr}`);
    const app = join(root, 'app');
    mkdirSync(app, { recursive: true });
    const jc = spawnSync('javac', ['-d', app, join(repoRoot(), 'test', 'java', 'collect', 'Idle.java'), join(repoRoot(), 'test', 'java', 'collect', 'Hog.java')], { encoding: 'utf8' });
    if (jc.status !== 0) throw new Error(`javac failed: ${jc.stderr}`);
    const binaries = [join(jre, 'bin', 'java'), ...listFiles(jre).filter((f) => f.endsWith('.so'))];
    if (opts.shell) binaries.push('/bin/sh', '/bin/cat', '/bin/ls');
    for (const e of opts.extra ?? []) {
      mkdirSync(dirname(join(root, e.dest)), { recursive: true });
      copyFileSync(e.src, join(root, e.dest));
      spawnSync('chmod', ['755', join(root, e.dest)]);
      binaries.push(e.src);
    }
    for (const b of binaries) {
      const out = spawnSync('ldd', [b], { encoding: 'utf8' }).stdout ?? '';
      for (const m of out.matchAll(/(?:=>\s*)?(\/\S+\.so[.\d]*)\s+\(/g)) if (!m[1].startsWith(jre)) copyWithParents(m[1], root);
    }
    if (opts.shell) for (const b of ['/bin/sh', '/bin/cat', '/bin/ls']) copyWithParents(realpath(b), root), copyWithParents(b, root);
    mkdirSync(join(root, 'tmp'), { recursive: true, mode: 0o1777 });
    spawnSync('chmod', ['1777', join(root, 'tmp')]);
    writeFileSync(join(root, 'etc-passwd-placeholder'), '');
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n');
    const tar = join(work, 'rootfs.tar');
    const t = spawnSync('tar', ['-C', root, '-cf', tar, '.']);
    if (t.status !== 0) throw new Error('tar of the rootfs failed');
    const imp = spawnSync('docker', ['import', tar, tag], { env: d.env, encoding: 'utf8' });
    if (imp.status !== 0) throw new Error(`docker import failed: ${imp.stderr}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function realpath(p: string): string {
  return spawnSync('readlink', ['-f', p], { encoding: 'utf8' }).stdout.trim();
}

function listFiles(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) listFiles(p, out);
    else out.push(p);
  }
  return out;
}
