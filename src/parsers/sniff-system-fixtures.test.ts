// Every fixture of the system-evidence kinds is claimed by its own parser and by no other one
// (sniffing is a contest: the best score wins, so a parser that over-claims steals other kinds' files).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PARSERS } from '../evidence/parser-registry.js';
import type { TextKind } from '../model/kinds.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures');
const KINDS: TextKind[] = ['free', 'top', 'proc-status', 'jstat', 'jvm-options', 'docker-inspect', 'meminfo', 'smaps-rollup', 'native-memory', 'kubernetes'];
/** Files that are, by design, another kind's (java -version output carrying the JVM's notices). */
const OTHER_KIND: Record<string, TextKind> = {
  'jvm-options/jdk17-picked-up-notices.txt': 'java-version',
  // A Kubernetes env excerpt: the kubernetes parser keeps its limits as well as its options.
  'jvm-options/k8s-deployment-env.yaml': 'kubernetes',
};

test('each system fixture is sniffed as its own kind, under its own name and under a neutral one', () => {
  let checked = 0;
  for (const kind of KINDS) {
    for (const file of readdirSync(join(FIXTURES, kind))) {
      if (/^(README\.md|generate\.sh|Churn\.java|Grow\.java)$/.test(file)) continue;
      const head = readFileSync(join(FIXTURES, kind, file), 'utf8').slice(0, 64 * 1024);
      const want = OTHER_KIND[`${kind}/${file}`] ?? kind;
      for (const name of [file, 'evidence.txt']) {
        const scores = (Object.keys(PARSERS) as TextKind[]).map((k) => ({ k, s: PARSERS[k]!.sniff(name, head) })).sort((a, b) => b.s - a.s);
        assert.equal(scores[0].k, want, `${kind}/${file} as "${name}": ${JSON.stringify(scores.slice(0, 3))}`);
        assert.ok(scores[0].s >= 0.5, `${kind}/${file} as "${name}" scores only ${scores[0].s}`);
        assert.ok(scores.length < 2 || scores[1].s < scores[0].s, `${kind}/${file}: a tie`);
      }
      checked++;
    }
  }
  assert.ok(checked >= 40, `checked ${checked} fixtures`);
});
