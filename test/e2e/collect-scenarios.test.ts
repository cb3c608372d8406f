// The issue's "done when": `jvmdoctor collect` against the scenarios' real JVMs and Tomcat gives a bundle
// whose diagnosis has the findings of the hand-collected evidence (scenarios/lib/collect.mjs: the
// engineer's jstat/jcmd/free/top/proc files and the app log). Heap-dump findings are left out of the
// comparison: collect does not bundle heap dumps unless asked.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runDiagnosis } from '../../src/pipeline/run-diagnosis.js';
import { haveJdk } from '../collect-support.js';
import { repoRoot, tempDir } from '../support.js';
import { existsSync } from 'node:fs';

const tmp = tempDir('jvmdoctor-collect-sc-');
after(() => tmp.cleanup());

const HEAP_RULES = /^heap-/;
// The scenario runner is plain JavaScript beside the repo's sources (scenarios/lib), loaded by path.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const { loadScenario, unitsOf, runUnit } = (await import(pathToFileURL(join(repoRoot(), 'scenarios', 'lib', 'scenarios.mjs')).href)) as any;

async function compare(name: string, variant?: string) {
  const scenario = await loadScenario(name);
  const unit = unitsOf(scenario).find((u: { variant?: { name: string } }) => !variant || u.variant?.name === variant);
  const manifest = await runUnit(tmp.path, unit, { collectBundle: true });
  if (manifest.status === 'skipped') return { skipped: manifest.reason as string };
  assert.equal(manifest.status, 'passed', JSON.stringify(manifest.failures ?? manifest.error ?? manifest, null, 1).slice(0, 2000));
  const bundle = join(manifest.evidenceDir, '..', 'collect.tar.gz');
  assert.ok(existsSync(bundle), `bundle written (${JSON.stringify(manifest.result?.collected?.find((c: { file: string }) => c.file === bundle))})`);
  const hand = await runDiagnosis([manifest.evidenceDir]);
  const ours = await runDiagnosis([bundle]);
  const ids = (r: typeof hand) => new Set(r.findings.map((f) => `${f.ruleId}:${f.severity}`).filter((k) => !HEAP_RULES.test(k)));
  const missing = [...ids(hand)].filter((k) => !ids(ours).has(k));
  return { hand: [...ids(hand)], ours: [...ids(ours)], missing };
}

for (const [name, variant] of [['thread-leak'], ['metaspace-leak'], ['tomcat-redeploy-leak', 'zh-CN']] as [string, string?][]) {
  test(`collect on the ${name}${variant ? ':' + variant : ''} scenario finds what the hand-collected evidence shows`, { skip: !haveJdk && 'no JDK', timeout: 300_000 }, async (t) => {
    const r = await compare(name, variant);
    if ('skipped' in r) return t.skip(r.skipped);
    t.diagnostic(`hand: ${r.hand.join(", ")} | collect: ${r.ours.join(", ")}`);
    assert.deepEqual(r.missing, [], `hand: ${r.hand.join(', ')}\ncollect: ${r.ours.join(', ')}`);
    assert.ok(r.ours.length >= 2);
  });
}
