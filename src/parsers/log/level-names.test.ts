import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { levelFromName } from './level-names.js';
import { corpusPath } from './testkit.js';

test('maps localized JUL level names and framework levels to JUL levels', () => {
  assert.equal(levelFromName('严重'), 'SEVERE');
  assert.equal(levelFromName('警告'), 'WARNING');
  assert.equal(levelFromName('WARNUNG'), 'WARNING');
  assert.equal(levelFromName('Avertissement'), 'WARNING');
  assert.equal(levelFromName('보다 미세'), 'FINER');
  assert.equal(levelFromName('WARN'), 'WARNING');
  assert.equal(levelFromName('ERROR'), 'SEVERE');
  assert.equal(levelFromName('DEBUG'), 'FINE');
  assert.equal(levelFromName('hello'), undefined);
});

test('every level name of the reference TSV is known', (t) => {
  const tsv = corpusPath('reference/jul-level-names.tsv');
  if (!existsSync(tsv)) return t.skip('../shared/corpus/reference/jul-level-names.tsv absent');
  const [header, ...rows] = readFileSync(tsv, 'utf8').trim().split('\n').map((l) => l.split('\t'));
  const levels = header.slice(1, 10);
  let checked = 0;
  for (const row of rows) {
    for (let i = 0; i < levels.length; i++) {
      const word = row[i + 1];
      const got = levelFromName(word);
      // A few words are shared between locales with different meanings only for FINE…FINEST
      // ("Detallado" is FINE in es, "Detalhado" FINE in pt_BR); SEVERE/WARNING/INFO never clash.
      if (['SEVERE', 'WARNING', 'INFO'].includes(levels[i])) assert.equal(got, levels[i], `${row[0]} ${word}`);
      else assert.ok(got !== undefined, `${row[0]} ${word} unknown`);
      checked++;
    }
  }
  assert.ok(checked >= 100, `only ${checked} names checked`);
});
