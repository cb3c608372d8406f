// Our shallow sizes must be the JVM's: the histogram of a dump equals `jcmd GC.class_histogram`
// taken just before it on the same JVM, for compressed and uncompressed oops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzeHeapDump } from '../../src/heap/analyze.js';
import { parseJcmdHistogram } from '../../src/heap/jcmd-histogram.js';
import { dumpJvm, hasJdk, javac, tempDir } from './heap-jvm.js';

const cases: { name: string; jvmArgs: string[]; compressedOops: boolean; exactClassMirrors: boolean }[] = [
  // With CDS (on by default) the archived heap holds mirrors of classes not loaded yet; the
  // histogram counts them, the heap dumper skips them (heapDumper.cpp mask_dormant_archived_object),
  // so java.lang.Class can only be checked as "dump <= jcmd" here, and exactly in the next two runs.
  { name: 'default JDK 17 JVM', jvmArgs: [], compressedOops: true, exactClassMirrors: false },
  { name: '-XX:-UseCompressedOops', jvmArgs: ['-XX:-UseCompressedOops'], compressedOops: false, exactClassMirrors: true },
  { name: 'default without CDS (-Xshare:off)', jvmArgs: ['-Xshare:off'], compressedOops: true, exactClassMirrors: true },
];

for (const c of cases) {
  test(`histogram equals jcmd GC.class_histogram: ${c.name}`, { timeout: 90_000 }, async (t) => {
    if (!hasJdk()) return t.skip('JDK (javac, jcmd) absent');
    const tmp = tempDir('jvmdoctor-histo-');
    try {
      javac(tmp.dir, 'Histo.java');
      const { dump, histogram } = await dumpJvm({ classDir: tmp.dir, main: 'Histo', jvmArgs: ['-Xmx256m', ...c.jvmArgs], dump: join(tmp.dir, 'h.hprof') });
      const report = await analyzeHeapDump(dump, { cache: false, top: 5 });
      assert.equal(report.summary.compressedOops, c.compressedOops);
      const jcmd = parseJcmdHistogram(histogram);
      assert.ok(jcmd.size > 100, 'jcmd histogram parsed');
      const ours = new Map(report.histogram.map((r) => [r.className, r]));
      const problems: string[] = [];
      for (const [name, want] of jcmd) {
        const got = ours.get(name);
        if (name === 'java.lang.Class' && !c.exactClassMirrors) {
          if (!got || got.instances > want.instances) problems.push(`${name}: ${got?.instances} > jcmd ${want.instances}`);
          continue;
        }
        if (!got || got.instances !== want.instances || got.shallowBytes !== want.bytes) {
          problems.push(`${name}: ours ${got?.instances ?? 0} / ${got?.shallowBytes ?? 0} B, jcmd ${want.instances} / ${want.bytes} B`);
        }
      }
      for (const r of report.histogram) if (!jcmd.has(r.className)) problems.push(`${r.className}: only in the dump (${r.instances})`);
      assert.deepEqual(problems, []);
      // Our own classes with tricky layouts are present (holes filled, @Contended Thread subclass).
      for (const k of ['Histo$C', 'Histo$E', 'Histo$T', 'int[][]', 'java.lang.String[]']) assert.ok(ours.has(k), k);
    } finally {
      tmp.cleanup();
    }
  });
}
