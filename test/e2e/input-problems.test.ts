// Parser problems and notes reach the report (issue 10): a `free` file with its header and no Mem:
// row is used, and its input says why nothing was read; unused inputs carry a stable code.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDiagnosis } from '../../src/pipeline/run-diagnosis.js';
import { tempDir } from '../support.js';

test('a free header without a Mem: row says so in inputs[].problems; unused inputs have codes', async () => {
  const tmp = tempDir();
  try {
    writeFileSync(join(tmp.path, 'free.txt'), '               total        used        free      shared  buff/cache   available\n');
    writeFileSync(join(tmp.path, 'empty.log'), '');
    const doc = await runDiagnosis([join(tmp.path, 'free.txt'), join(tmp.path, 'empty.log'), join(tmp.path, 'missing.txt')]);
    const free = doc.inputs.find((i) => i.file.endsWith('free.txt'));
    assert.ok(free, 'the free file is listed');
    assert.deepEqual(free.problems, [{ level: 'problem', text: 'a free header but no Mem: row' }]);
    assert.ok(free.notes.includes('a free header but no Mem: row'), 'and in the v1 notes');
    assert.deepEqual(doc.unused.map((u) => [u.file.split('/').pop(), u.code]), [['empty.log', 'empty'], ['missing.txt', 'not-found']]);
  } finally {
    tmp.cleanup();
  }
});
