// `jvmdoctor collect`: gather the evidence from a live (or stopped) JVM into one bundle; --diagnose
// reads it right away.

import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { UsageError } from '../../util/errors.js';
import { parseCommandArgs } from '../args.js';
import { collect } from '../../collect/collect.js';
import { silentSteps, ttySteps } from '../../collect/engine.js';
import { runDiagnosis } from '../../pipeline/run-diagnosis.js';
import { render } from '../../report/index.js';
import { styleFor } from '../../report/style.js';
import { progressFor } from '../../util/progress.js';
import { SEVERITY_ORDER } from '../../model/finding.js';

export const collectCommand: Command = {
  name: 'collect',
  description: 'Gather a JVM\'s evidence (jstat counters, jcmd, /proc, cgroup, logs, Tomcat) into a redacted .tar.gz bundle',
  usage: `Usage: jvmdoctor collect [--pid N | --container ID|NAME | --pod NAME [-n NS] [-c C]] [options]

Runs the runbook an engineer types by hand (free, top, /proc/PID/status, jstat, jcmd VM.flags /
Thread.print / GC.heap_info, catalina.sh, container logs, docker inspect …) and writes one bundle that
\`jvmdoctor diagnose\` reads. Needs no JDK: jstat counters are read from the JVM's hsperfdata file and jcmd
commands go through the HotSpot attach socket. Secrets (-D…password=, JDBC user:pass@, tokens, AWS keys,
matching environment variables) are redacted before anything is written; manifest.json lists them by name.
With no target, the only (or the biggest) JVM on this machine is used.

Options:
  --pid <N>               the JVM's PID (as seen from here; a container's JVM by its host PID)
  --container <ID|NAME>   a docker container (--runtime podman for podman)
  --runtime <cli>         container CLI: docker (default) or podman
  --pod <NAME>            a Kubernetes pod (kubectl); -n/--namespace, -c/--pod-container
  --hsperfdata <file>     a raw hsperfdata file (from a stopped container's /tmp/hsperfdata_<user>/<pid>)
  --out <file>            bundle path (default: jvmdoctor-<host>-<pid>-<time>.tar.gz)
  --samples <N>           jstat samples from hsperfdata (default 5)
  --interval <ms>         between samples (default 1000)
  --since <time>          container logs since (docker logs --since)
  --log-bytes <N>         cap per log (default 33554432: the last 32 MB)
  --histogram             also jcmd GC.class_histogram (runs a full GC)
  --heap-dump             also a gzipped heap dump (pauses the JVM; written beside the bundle)
  --bundle-heap-dump      put the heap dump into the bundle (it holds every secret in the heap)
  --force                 write a heap dump even to a tmpfs /tmp
  --diagnose              diagnose the bundle right away (text report on stdout)
  --json                  print the manifest as JSON (no progress lines)
  --debug                 show stack traces of errors
  -h, --help              this help

Examples:
  jvmdoctor collect --diagnose
  jvmdoctor collect --pid 4242 --out incident.tar.gz && jvmdoctor diagnose incident.tar.gz
  jvmdoctor collect --container tomcat-app --since 2h
  jvmdoctor collect --pod api-7d9f -n prod -c app
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      pid: { type: 'string' },
      container: { type: 'string' },
      runtime: { type: 'string' },
      pod: { type: 'string' },
      hsperfdata: { type: 'string' },
      namespace: { type: 'string', short: 'n' },
      'pod-container': { type: 'string', short: 'c' },
      out: { type: 'string' },
      samples: { type: 'string' },
      interval: { type: 'string' },
      since: { type: 'string' },
      'log-bytes': { type: 'string' },
      histogram: { type: 'boolean' },
      'heap-dump': { type: 'boolean' },
      'bundle-heap-dump': { type: 'boolean' },
      force: { type: 'boolean' },
      diagnose: { type: 'boolean' },
      json: { type: 'boolean' },
      debug: { type: 'boolean' },
    });
    if (positionals.length) throw new UsageError(`collect takes no positional arguments (got "${positionals[0]}"); use --pid, --container or --pod`);
    const targets = [values.pid, values.container, values.pod, values.hsperfdata].filter((v) => v !== undefined);
    if (targets.length > 1) throw new UsageError('give one target: --pid, --container, --pod or --hsperfdata');
    const int = (name: string, v: string | undefined, min: number): number | undefined => {
      if (v === undefined) return undefined;
      if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`--${name} must be a whole number ≥ ${min} (got "${v}")`);
      return Number(v);
    };
    const pid = int('pid', values.pid, 1);
    if (values.runtime && !['docker', 'podman'].includes(values.runtime)) throw new UsageError(`--runtime must be docker or podman (got "${values.runtime}")`);
    if ((values.namespace || values['pod-container']) && !values.pod) throw new UsageError('-n/--namespace and -c/--pod-container go with --pod');
    const tty = process.stderr.isTTY && !values.json && !process.env.CI;
    const result = await collect({
      pid,
      container: values.container,
      runtime: values.runtime,
      pod: values.pod,
      hsperfdata: values.hsperfdata,
      namespace: values.namespace,
      podContainer: values['pod-container'],
      out: values.out,
      samples: int('samples', values.samples, 1),
      intervalMs: int('interval', values.interval, 0),
      since: values.since,
      logBytes: int('log-bytes', values['log-bytes'], 1024),
      histogram: values.histogram,
      heapDump: values['heap-dump'] || values['bundle-heap-dump'],
      bundleHeapDump: values['bundle-heap-dump'],
      force: values.force,
      progress: tty ? ttySteps(process.stderr) : silentSteps,
    });
    const m = result.manifest;
    const failed = m.steps.filter((s) => s.status !== 'ok' && s.status !== 'skipped');
    if (values.json) process.stdout.write(JSON.stringify({ bundle: result.path, manifest: m }, null, 2) + '\n');
    else {
      process.stderr.write(`jvmdoctor: bundle written to ${result.path} (${m.steps.length} steps, ${failed.length} not gathered, ${m.redactions.reduce((n, r) => n + r.count, 0)} secrets redacted)\n`);
      for (const n of m.notes) process.stderr.write(`  note: ${n}\n`);
      for (const f of m.notGathered) process.stderr.write(`  not gathered: ${f.what}: ${f.why}\n`);
    }
    if (!values.diagnose) return EXIT.ok;
    const progress = progressFor({ quiet: Boolean(values.json) });
    let report;
    try {
      report = await runDiagnosis([result.path], { progress });
    } finally {
      progress.done();
    }
    if (!values.json) process.stdout.write(render(report, 'text', styleFor(process.stdout, false)));
    return report.findings.some((f) => SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER.critical) ? EXIT.findings : EXIT.ok;
  },
};
