// Test-only: a `kubectl` stand-in (no cluster can run here). Installed on PATH by the pod tests as a
// `kubectl` shell wrapper; serves recorded `get pod -o json` documents and maps `logs` and `exec` to
// local docker containers of the private dockerd. Runs only when JVMDOCTOR_KUBECTL_STANDIN names its
// config (so `node --test dist/` loading this file does nothing).
//   config: { pods: { "<ns>/<name>": { json: file, containers: { <c>: <docker ct> }, previous?: { <c>: <docker ct> } } } }

import { readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface PodEntry { json: string; containers: Record<string, string>; previous?: Record<string, string> }
interface Config { pods: Record<string, PodEntry> }

/** Writes `<dir>/kubectl` running this stand-in with `configPath`. */
export function installKubectlStandin(dir: string, configPath: string): void {
  const self = fileURLToPath(import.meta.url);
  const wrapper = join(dir, 'kubectl');
  writeFileSync(wrapper, `#!/bin/sh\nJVMDOCTOR_KUBECTL_STANDIN='${configPath}' exec '${process.execPath}' '${self}' "$@"\n`);
  chmodSync(wrapper, 0o755);
}

function main(argv: string[]): number {
  const cfg = JSON.parse(readFileSync(process.env.JVMDOCTOR_KUBECTL_STANDIN!, 'utf8')) as Config;
  let ns = 'default';
  let container: string | undefined;
  let output: string | undefined;
  let previous = false;
  let timestamps = false;
  let since: string | undefined;
  const pos: string[] = [];
  let rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { rest = argv.slice(i + 1); break; }
    if (a === '-n' || a === '--namespace') ns = argv[++i];
    else if (a === '-c' || a === '--container') container = argv[++i];
    else if (a === '-o' || a === '--output') output = argv[++i];
    else if (a === '--previous' || a === '-p') previous = true;
    else if (a === '--timestamps') timestamps = true;
    else if (a.startsWith('--since=')) since = a.slice(8);
    else if (a.startsWith('--limit-bytes=')) { /* docker logs has no byte cap; the collector caps */ }
    else pos.push(a);
  }
  const [verb, ...args] = pos;
  const podName = verb === 'get' ? args[1] : args[0];
  const pod = cfg.pods[`${ns}/${podName}`];
  if (!pod) {
    process.stderr.write(`Error from server (NotFound): pods "${podName}" not found\n`);
    return 1;
  }
  const c = container ?? Object.keys(pod.containers)[0];
  const docker = (dargs: string[]) => {
    const r = spawnSync('docker', dargs, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    return r.status ?? 1;
  };
  if (verb === 'get' && args[0] === 'pod' && output === 'json') {
    process.stdout.write(readFileSync(pod.json));
    return 0;
  }
  if (verb === 'logs') {
    const ct = previous ? pod.previous?.[c] : pod.containers[c];
    if (!ct) {
      process.stderr.write(`Error from server (BadRequest): previous terminated container "${c}" in pod "${podName}" not found\n`);
      return 1;
    }
    // kubectl logs is one stream: stdout and stderr of the container, in order.
    const r = spawnSync('sh', ['-c', 'exec docker "$@" 2>&1', 'sh', 'logs', ...(timestamps ? ['--timestamps'] : []), ...(since ? ['--since', since] : []), ct], { maxBuffer: 256 * 1024 * 1024 });
    process.stdout.write(r.stdout);
    return r.status ?? 1;
  }
  if (verb === 'exec') {
    const ct = pod.containers[c];
    if (!ct) {
      process.stderr.write(`error: container ${c} not found in pod ${podName}\n`);
      return 1;
    }
    return docker(['exec', ct, ...rest]);
  }
  process.stderr.write(`kubectl stand-in: "${argv.join(' ')}" is not supported\n`);
  return 1;
}

if (process.env.JVMDOCTOR_KUBECTL_STANDIN && process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
