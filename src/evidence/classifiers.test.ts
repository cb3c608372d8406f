import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLASSIFIERS } from './classifiers.js';
import { PARSERS } from './parser-registry.js';

test('the line worker classifies a kind exactly as that kind\'s parser would', () => {
  for (const [kind, spec] of Object.entries(PARSERS)) {
    assert.equal(CLASSIFIERS[kind as keyof typeof CLASSIFIERS], spec?.classify, kind);
  }
});
