// The scenario catalogue: every scenarios/<name>/scenario.mjs, and running one (or one variant) into an
// output folder with its manifest.

import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkEvidence } from './expect.mjs';
import { MissingPrerequisite } from './prerequisites.mjs';

export const SCENARIOS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = join(SCENARIOS_DIR, '..');

/** Names of the scenarios this runner owns (folders with a scenario.mjs), in a stable order. */
export function scenarioNames() {
  return readdirSync(SCENARIOS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(SCENARIOS_DIR, e.name, 'scenario.mjs')))
    .map((e) => e.name)
    .sort();
}

export async function loadScenario(name) {
  const file = join(SCENARIOS_DIR, name, 'scenario.mjs');
  if (!existsSync(file)) throw new Error(`no scenario "${name}" (known: ${scenarioNames().join(', ')})`);
  const mod = await import(pathToFileURL(file).href);
  return { ...mod.default, dir: join(SCENARIOS_DIR, name) };
}

/** Each runnable unit: a scenario, or one per variant (e.g. tomcat-redeploy-leak:zh-CN). */
export function unitsOf(scenario) {
  if (!scenario.variants) return [{ id: scenario.name, scenario, variant: undefined }];
  return scenario.variants.map((v) => ({ id: `${scenario.name}:${v.name}`, scenario, variant: v }));
}

/** Where a unit's files go under an output root: <root>/<name>[/<variant>]/{evidence,work,manifest.json}. */
export function unitPaths(root, unit) {
  const dir = unit.variant ? join(root, unit.scenario.name, unit.variant.name) : join(root, unit.scenario.name);
  return { dir, evidence: join(dir, 'evidence'), work: join(dir, 'work'), manifest: join(dir, 'manifest.json') };
}

/**
 * Runs one unit: fresh evidence and work folders, the scenario's run(), the evidence checks; writes and
 * returns the manifest. Never throws for a scenario failure — the manifest says status 'failed' and why.
 */
export async function runUnit(root, unit, { log = () => {}, keepWork = false, collectBundle = false } = {}) {
  const paths = unitPaths(root, unit);
  rmSync(paths.dir, { recursive: true, force: true });
  mkdirSync(paths.evidence, { recursive: true });
  mkdirSync(paths.work, { recursive: true });
  const started = Date.now();
  const manifest = {
    unit: unit.id,
    scenario: unit.scenario.name,
    variant: unit.variant?.name,
    title: unit.scenario.title,
    evidenceDir: paths.evidence,
    startedAt: new Date(started).toISOString(),
    status: 'passed',
  };
  try {
    manifest.result = await unit.scenario.run(
      { scenarioDir: unit.scenario.dir, workDir: paths.work, evidenceDir: paths.evidence, log: (m) => log(`[${unit.id}] ${m}`), bundle: collectBundle ? join(paths.dir, 'collect.tar.gz') : undefined },
      unit.variant,
    );
    // The evidence as saved, before anything reads it (diagnose may leave a heap-dump cache beside a dump).
    manifest.files = readdirSync(paths.evidence).sort().map((f) => ({ file: f, bytes: statSync(join(paths.evidence, f)).size }));
    const missing = (manifest.result.collected ?? []).filter((c) => !c.ok);
    if (missing.length) manifest.notCollected = missing;
    manifest.evidenceChecks = evidenceExpectations(unit).map((exp) => ({ what: exp.what, ...checkEvidence(paths.evidence, exp) }));
    if (manifest.evidenceChecks.some((c) => !c.ok)) manifest.status = 'failed';
  } catch (e) {
    if (e instanceof MissingPrerequisite) {
      manifest.status = 'skipped';
      manifest.reason = e.message;
    } else {
      manifest.status = 'failed';
      manifest.error = e.stack ?? String(e);
    }
  }
  manifest.durationMs = Date.now() - started;
  if (!keepWork) rmSync(paths.work, { recursive: true, force: true });
  writeFileSync(paths.manifest, JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** A scenario's evidence expectations, plus its variant's own (a locale's level names, …). */
export function evidenceExpectations(unit) {
  return [...(unit.scenario.evidence ?? []), ...(unit.variant?.evidence ?? [])];
}

export function diagnosisExpectations(unit) {
  return [...(unit.scenario.diagnosis ?? []), ...(unit.variant?.diagnosis ?? [])];
}
