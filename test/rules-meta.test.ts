// Keeps rules, their docs and their tests in step (typescript-eslint's docs meta-test idea).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../src/rules/index.js';
import { repoRoot } from './support.js';

const root = repoRoot();

test('every rule has a kebab-case id, a source file, a test and a doc that names it', () => {
  const ids = new Set<string>();
  for (const rule of RULES) {
    assert.match(rule.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(!ids.has(rule.id), `duplicate rule id ${rule.id}`);
    ids.add(rule.id);
    assert.ok(existsSync(join(root, 'src', 'rules', `${rule.id}.ts`)), `src/rules/${rule.id}.ts`);
    assert.ok(existsSync(join(root, 'src', 'rules', `${rule.id}.test.ts`)), `src/rules/${rule.id}.test.ts`);
    const doc = join(root, 'docs', 'rules', `${rule.id}.md`);
    assert.ok(existsSync(doc), `docs/rules/${rule.id}.md`);
    assert.match(readFileSync(doc, 'utf8'), new RegExp(`^# ${rule.id}\\n`));
    assert.ok(rule.description.length > 20, `${rule.id} needs a description`);
  }
});

test('no doc or rule file without a registered rule', () => {
  const ids = new Set(RULES.map((r) => r.id));
  for (const f of readdirSync(join(root, 'docs', 'rules'))) assert.ok(ids.has(f.replace(/\.md$/, '')), `docs/rules/${f} has no rule`);
  const helpers = new Set(['define', 'index', 'testing']);
  for (const f of readdirSync(join(root, 'src', 'rules')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const id = f.replace(/\.ts$/, '');
    assert.ok(helpers.has(id) || ids.has(id), `src/rules/${f} is not registered in rules/index.ts`);
  }
});

test('rules never import rules (only define.ts and testing.ts, the framework)', () => {
  const dir = join(root, 'src', 'rules');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')) {
    const src = readFileSync(join(dir, f), 'utf8');
    for (const m of src.matchAll(/from '\.\/([a-z0-9-]+)\.js'/g)) {
      assert.ok(m[1] === 'define' || m[1] === 'testing', `src/rules/${f} imports ./${m[1]}.js: rules never import rules (share through diagnosis/ or knowledge/)`);
    }
  }
});

test('every rule declares what it reads, its tier and a maxSeverity that report() enforces', async () => {
  const { defineRule, RuleContractError } = await import('../src/rules/define.js');
  for (const rule of RULES) {
    assert.ok(rule.reads.length > 0, `${rule.id}: reads`);
    assert.ok(['cause', 'consequence', 'context'].includes(rule.tier), `${rule.id}: tier`);
  }
  const loud = defineRule({
    id: 'loud', description: 'reports above its maxSeverity', reads: ['log'], maxSeverity: 'info', tier: 'context',
    run(_ctx, report) {
      report({ severity: 'critical', title: 't', summary: 's', evidence: [], explanation: 'e', recommendations: [] });
    },
  });
  const { Case } = await import('../src/evidence/case.js');
  const { deriveFacts } = await import('../src/diagnosis/facts.js');
  const c = new Case();
  assert.throws(() => loud.evaluate({ case: c, facts: deriveFacts(c) }), RuleContractError);
});

/** The sections every rule doc has, in this order (others, like "Why it matters", may sit between). */
const DOC_SECTIONS = ['What it finds', 'Evidence it reads', 'Example', 'Fixes'];

function section(doc: string, name: string): string {
  const start = doc.indexOf(`\n## ${name}\n`);
  const end = doc.indexOf('\n## ', start + 4);
  return doc.slice(start, end < 0 ? undefined : end);
}

test('every rule doc has the fixed sections in order, and lists exactly the kinds the rule reads', () => {
  for (const rule of RULES) {
    const doc = readFileSync(join(root, 'docs', 'rules', `${rule.id}.md`), 'utf8');
    const at = DOC_SECTIONS.map((s) => doc.indexOf(`\n## ${s}\n`));
    assert.ok(at.every((i) => i >= 0), `docs/rules/${rule.id}.md needs the sections ${DOC_SECTIONS.join(', ')}`);
    assert.deepEqual([...at].sort((a, b) => a - b), at, `docs/rules/${rule.id}.md: sections in the order ${DOC_SECTIONS.join(', ')}`);
    const listed = [...section(doc, 'Evidence it reads').split('—')[0].matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
    assert.deepEqual(listed.sort(), [...rule.reads].sort(), `docs/rules/${rule.id}.md "Evidence it reads" against the rule's reads`);
  }
});

test('every rule doc\'s example runs and reports that rule', async () => {
  const { runDiagnosis, runHeap } = await import('../src/pipeline/run-diagnosis.js');
  const { tempDir } = await import('./support.js');
  const scenarios = JSON.parse(readFileSync(join(root, 'test', 'golden', 'scenarios.json'), 'utf8')) as Record<string, string[]>;
  for (const rule of RULES) {
    const example = section(readFileSync(join(root, 'docs', 'rules', `${rule.id}.md`), 'utf8'), 'Example');
    const scenario = /<!-- scenario: (\S+) -->/.exec(example);
    const realTest = /<!-- test: (\S+) -->/.exec(example);
    if (realTest) {
      // Two dumps of one JVM cannot sit in a doc either: the example is an end-to-end test that makes
      // them from a real JVM and asserts the rule's finding.
      const file = join(root, realTest[1]);
      assert.ok(existsSync(file), `${rule.id}: its example test ${realTest[1]} is missing`);
      assert.ok(readFileSync(file, 'utf8').includes(`ruleId === '${rule.id}'`), `${rule.id}: ${realTest[1]} does not check a ${rule.id} finding`);
      continue;
    }
    if (scenario) {
      // A heap dump cannot sit in a doc: the example is a scenario, whose recorded answers must include the rule.
      assert.ok(scenarios[scenario[1]]?.some((v) => v.endsWith(` ${rule.id}`)), `${rule.id}: scenario ${scenario[1]} does not report it (test/golden/scenarios.json)`);
      continue;
    }
    const tmp = tempDir();
    try {
      const inline = [...example.matchAll(/```evidence (\S+)\n([\s\S]*?)```/g)];
      for (const [, name, text] of inline) writeFileSync(join(tmp.path, name), text);
      const command = /```sh\njvmdoctor (diagnose|heap) ([^\n]*)\n```/.exec(example);
      const args = command ? command[2].split(/\s+/).filter(Boolean) : [];
      const inputs = args.length ? args.map((a) => (existsSync(join(root, a)) ? join(root, a) : join(tmp.path, a))) : inline.map(([, name]) => join(tmp.path, name));
      assert.ok(inputs.length > 0, `${rule.id}: the Example has no \`jvmdoctor diagnose …\` command or evidence block`);
      const doc = command?.[1] === 'heap' ? await runHeap(inputs[0], { cache: false }) : await runDiagnosis(inputs);
      assert.ok(doc.findings.some((f) => f.ruleId === rule.id), `${rule.id}: its doc example does not report it (got ${doc.findings.map((f) => f.ruleId).join(', ') || 'nothing'})`);
    } finally {
      tmp.cleanup();
    }
  }
});
