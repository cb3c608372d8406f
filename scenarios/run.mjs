#!/usr/bin/env node
// `npm run scenario -- <name>`: make a real incident happen on this machine (a JVM, or Debian's Tomcat),
// save the evidence an engineer would, and show what `jvmdoctor diagnose` says about it.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { REPO_ROOT, scenarioNames, loadScenario, unitsOf, runUnit, diagnosisExpectations } from './lib/scenarios.mjs';
import { checkDiagnosis, loadRegistry, missingPieces } from './lib/expect.mjs';

const USAGE = `Usage: npm run scenario -- <name>[:<variant>]… [options]
       npm run scenario -- --all [options]

Runs each scenario, saves its evidence, checks it, and diagnoses it with the built jvmdoctor.

Options:
  --all              every scenario
  --list             list the scenarios and exit
  --out <dir>        output root (default: a new folder under ${tmpdir()}); each scenario writes
                     <dir>/<name>[/<variant>]/evidence/ and manifest.json
  --evidence-only    do not run jvmdoctor (the e2e tests diagnose the evidence themselves)
  --jobs <n>         run up to n scenarios at once (default 1)
  --keep-work        keep the work folder (compiled classes, CATALINA_BASE)
  -h, --help         this help

Exit code: 0 all passed (diagnosis expectations still waiting for a rule count as passed),
1 an expectation failed or a scenario broke, 2 usage error, 3 skipped (a prerequisite is missing).`;

function fail(msg) {
  console.error(`scenario: ${msg}\n\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      all: { type: 'boolean' },
      list: { type: 'boolean' },
      out: { type: 'string' },
      'evidence-only': { type: 'boolean' },
      jobs: { type: 'string' },
      'keep-work': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (e) {
  fail(e.message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

if (values.list) {
  for (const name of scenarioNames()) {
    const s = await loadScenario(name);
    const variants = s.variants ? `  [variants: ${s.variants.map((v) => v.name).join(', ')}]` : '';
    console.log(`${name.padEnd(22)} ${s.title}${variants}`);
  }
  process.exit(0);
}

const wanted = values.all ? scenarioNames() : positionals;
if (wanted.length === 0) fail('name a scenario (or --all); known: ' + scenarioNames().join(', '));
const jobs = Number(values.jobs ?? 1);
if (!Number.isInteger(jobs) || jobs < 1) fail(`--jobs must be a positive integer (got ${values.jobs})`);

const units = [];
for (const w of wanted) {
  const [name, variant] = w.split(':');
  let scenario;
  try {
    scenario = await loadScenario(name);
  } catch (e) {
    fail(e.message);
  }
  const all = unitsOf(scenario);
  const chosen = variant ? all.filter((u) => u.variant?.name === variant) : all;
  if (chosen.length === 0) fail(`scenario ${name} has no variant "${variant}" (has: ${all.map((u) => u.variant?.name).join(', ')})`);
  units.push(...chosen);
}

const root = values.out ? resolve(values.out) : mkdtempSync(join(tmpdir(), 'jvmdoctor-scenarios-'));
const log = (m) => console.log(m);
const registry = values['evidence-only'] ? undefined : await loadRegistry(REPO_ROOT).catch((e) => fail(e.message));

async function one(unit) {
  log(`▶ ${unit.id}: ${unit.scenario.title}`);
  const m = await runUnit(root, unit, { log, keepWork: values['keep-work'] });
  if (m.status === 'skipped') {
    log(`◌ ${unit.id} skipped: ${m.reason}`);
    return m;
  }
  if (m.error) log(`✘ ${unit.id} broke:\n${m.error}`);
  for (const c of m.evidenceChecks ?? []) log(`  ${c.ok ? '✔' : '✘'} evidence: ${c.what} — ${c.detail}`);
  for (const c of m.notCollected ?? []) log(`  · not collected: ${c.file} (${c.note})`);
  log(`  evidence: ${m.evidenceDir} (${(m.durationMs / 1000).toFixed(1)} s)`);
  if (registry && !m.error) diagnoseUnit(unit, m);
  return m;
}

function diagnoseUnit(unit, m) {
  const cli = join(REPO_ROOT, 'bin', 'jvmdoctor.js');
  log(`\n$ jvmdoctor diagnose ${m.evidenceDir}`);
  spawnSync(process.execPath, [cli, 'diagnose', m.evidenceDir], { stdio: 'inherit' });
  const r = spawnSync(process.execPath, [cli, 'diagnose', m.evidenceDir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    log(`✘ jvmdoctor diagnose --format json did not print JSON (exit ${r.status}): ${r.stderr.trim().split('\n')[0]}`);
    m.status = 'failed';
    return;
  }
  for (const exp of diagnosisExpectations(unit)) {
    const waiting = missingPieces(exp, registry);
    const c = checkDiagnosis(report, exp);
    if (waiting.length) log(`  ${c.ok ? '✔' : '…'} diagnosis: ${exp.what} — waiting for ${waiting.join(', ')} (${c.detail})`);
    else if (exp.todo) log(`  ${c.ok ? '✔' : '…'} diagnosis: ${exp.what} — todo: ${exp.todo} (${c.detail})`);
    else {
      log(`  ${c.ok ? '✔' : '✘'} diagnosis: ${exp.what} — ${c.detail}`);
      if (!c.ok) m.status = 'failed';
    }
  }
}

const manifests = [];
const queue = [...units];
await Promise.all(
  Array.from({ length: Math.min(jobs, units.length) }, async () => {
    while (queue.length) manifests.push(await one(queue.shift()));
  }),
);

const failed = manifests.filter((m) => m.status === 'failed');
const skipped = manifests.filter((m) => m.status === 'skipped');
log(`\n${manifests.length - failed.length - skipped.length} passed, ${failed.length} failed, ${skipped.length} skipped — output in ${root}`);
process.exit(failed.length ? 1 : skipped.length ? 3 : 0);
