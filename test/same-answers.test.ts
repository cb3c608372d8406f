// Same answers across refactors (issue 10): the seed incident and every fixture folder are diagnosed
// and what the report says (test/same-answers.ts: findings' ids, severities, titles, summaries,
// evidence lines, fixes; files read and not used) is compared with test/golden/. The seed's text and
// Markdown are compared byte for byte. The goldens were captured from schemaVersion 1 before the
// report document changed; a deliberate change of an answer updates them in the same commit
// (JVMDOCTOR_UPDATE_GOLDEN=1 npm test rewrites them), so the diff shows what changed.
// Each fixture golden names the files it was made from, so fixtures added later do not disturb it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runCli } from './support.js';
import { whatItSays, type Said } from './same-answers.js';

const ROOT = repoRoot();
const GOLDEN = join(ROOT, 'test', 'golden');
const update = process.env.JVMDOCTOR_UPDATE_GOLDEN === '1';

function diagnose(args: string[], format: string): string {
  const r = runCli(['diagnose', ...args, '--format', format, '--fail-on', 'none']);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

function compare(file: string, actual: string): void {
  const path = join(GOLDEN, file);
  if (update) writeFileSync(path, actual);
  assert.equal(actual, readFileSync(path, 'utf8'), `${file} differs (JVMDOCTOR_UPDATE_GOLDEN=1 rewrites it when the change is intended)`);
}

const said = (s: Said) => JSON.stringify(s, null, 1) + '\n';

test('seed incident: the report says what it said', () => {
  compare('seed-incident.json', said(whatItSays(diagnose(['examples/seed-incident'], 'json'))));
  compare('seed-incident.txt', diagnose(['examples/seed-incident'], 'text'));
  compare('seed-incident.md', diagnose(['examples/seed-incident'], 'md'));
});

for (const name of readdirSync(join(GOLDEN, 'fixtures')).filter((f) => f.endsWith('.json')).sort()) {
  test(`fixtures/${name.replace(/\.json$/, '')}: the report says what it said`, () => {
    const before = JSON.parse(readFileSync(join(GOLDEN, 'fixtures', name), 'utf8')) as Said;
    const files = [...before.inputs.map((i) => i.split(' ')[0]), ...before.unused.map((u) => u.slice(0, u.indexOf(': ')))];
    const unique = [...new Set(files.map((f) => f.replace(/:\d+$/, '').replace(/!\/.*$/, '')))].sort();
    compare(join('fixtures', name), said(whatItSays(diagnose(unique, 'json'))));
  });
}
