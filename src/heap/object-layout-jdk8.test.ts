// JDK 8 field layout against real JDK 8 dumps (fixtures/hprof-jdk8/README.md). HotSpot writes a heap
// region's objects in address order and object ids are addresses, so the distance from an object to
// the next one is its size whenever nothing (a filler, a TLAB end) lies between them: a class whose
// instances almost always sit exactly our size apart is laid out right.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildHeapIndex } from '../hprof/index-pass.js';
import { CLASS_CLASS_INDEX, ClassKind, type HeapIndex } from '../hprof/heap-index.js';
import { detectLayoutMode } from './shallow-sizes.js';
import { ShallowSizer } from './object-layout.js';
import { analyzeHeapDump } from './analyze.js';
import { repoRoot } from '../util/repo-root.js';

const dir = join(repoRoot(), 'fixtures', 'hprof-jdk8');
const dumps = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.hprof.gz')).map((f) => join(dir, f)) : [];

/** Sizes the issue measured on real JDK 8 dumps (instance bytes; Class is 104 B before its statics). */
const JDK8_SIZES: Record<string, number> = {
  'java/lang/Class': 104,
  'sun/misc/Launcher$AppClassLoader': 96,
  'java/lang/reflect/Constructor': 80,
  'java/security/Permissions': 32,
  'sun/util/locale/LocaleObjectCache$CacheEntry': 48,
  'javax/management/openmbean/ArrayType': 56,
  'java/lang/invoke/MemberName': 56,
};

function nextObjectDistances(index: HeapIndex, sizer: ShallowSizer) {
  const inst = new Float64Array(index.classes.length);
  for (const k of index.classes) if (k.kind === ClassKind.Instance) inst[k.index] = sizer.instanceSize(k.index);
  const perClass = new Map<number, { exact: number; pairs: number }>();
  let exact = 0;
  let pairs = 0;
  for (let i = 0; i + 1 < index.objectCount; i++) {
    if (index.objectClass[i] === CLASS_CLASS_INDEX) continue;
    const d = index.objectIds.idOf(i + 1) - index.objectIds.idOf(i);
    if (d <= 0 || d > 1 << 20) continue;
    const ok = sizer.objectSize(index, i, inst) === d;
    pairs++;
    if (ok) exact++;
    const c = perClass.get(index.objectClass[i]) ?? { exact: 0, pairs: 0 };
    c.pairs++;
    if (ok) c.exact++;
    perClass.set(index.objectClass[i], c);
  }
  return { exact, pairs, perClass };
}

test('JDK 8 dumps: the JDK 8 field layout is detected and every class sits at its size from the next object', { skip: dumps.length === 0 ? `no dumps in ${dir}` : false }, async () => {
  for (const dump of dumps) {
    const index = await buildHeapIndex(dump);
    const { mode } = detectLayoutMode(index);
    assert.equal(mode.fieldLayout, 'jdk8', `${dump}: ${mode.name}`);
    assert.ok(mode.compressedOops, `${dump}: ${mode.name}`);
    const sizer = new ShallowSizer(index.classes, mode);
    const { exact, pairs, perClass } = nextObjectDistances(index, sizer);
    assert.ok(exact / pairs > 0.99, `${dump}: ${exact}/${pairs} objects sit exactly their size from the next`);
    // No class with several instances is systematically off: those mismatches are gaps, not layout.
    for (const [ci, c] of perClass) {
      if (c.pairs >= 5 && index.classes[ci].kind === ClassKind.Instance) {
        assert.ok(c.exact / c.pairs >= 0.8, `${index.classes[ci].jvmName}: ${c.exact}/${c.pairs} at our size ${sizer.instanceSize(ci)}`);
      }
    }
    for (const k of index.classes) {
      const want = JDK8_SIZES[k.jvmName];
      if (want !== undefined) assert.equal(sizer.instanceSize(k.index), want, `${k.jvmName} in ${dump}`);
    }
  }
});

test('JDK 8 dumps: class mirrors are 104 B plus their statics, as the next object shows', { skip: dumps.length === 0 ? `no dumps in ${dir}` : false }, async () => {
  for (const dump of dumps) {
    const index = await buildHeapIndex(dump);
    const sizer = new ShallowSizer(index.classes, detectLayoutMode(index).mode);
    const ids = Float64Array.from({ length: index.objectCount }, (_, i) => index.objectIds.idOf(i)).sort();
    let checked = 0;
    for (const k of index.classes) {
      if (!k.classId) continue;
      let lo = 0;
      let hi = ids.length;
      while (lo < hi) {
        const m = (lo + hi) >> 1;
        if (ids[m] <= k.classId) lo = m + 1;
        else hi = m;
      }
      if (lo >= ids.length) continue;
      assert.equal(sizer.mirrorSize(k.index), ids[lo] - k.classId, `mirror of ${k.jvmName} in ${dump}`);
      checked++;
    }
    assert.ok(checked > 500, `${checked} mirrors checked in ${dump}`);
  }
});

test('JDK 8 dumps: threads are named (JDK 8 keeps Thread.name as a char[])', { skip: dumps.length === 0 ? `no dumps in ${dir}` : false }, async () => {
  for (const dump of dumps) {
    const report = await analyzeHeapDump(dump, { cache: false });
    const names = report.threads.map((t) => t.name);
    for (const want of ['Finalizer', 'Reference Handler', 'Signal Dispatcher']) assert.ok(names.includes(want), `${want} in ${names.join(', ')} (${dump})`);
  }
});
