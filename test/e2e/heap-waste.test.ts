// Waste reports on a real JVM whose waste is known by construction (test/java/heap/Waste.java), and
// on the real JDK 8 dumps (char[] strings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzeHeapDump } from '../../src/heap/analyze.js';
import { dumpJvm, hasJdk, javac, repoRoot, tempDir } from './heap-jvm.js';
import { runCli } from '../support.js';

test('waste: duplicate strings (Latin-1 and UTF-16), empty and sparse collections, boxes, zero arrays, direct buffers', { timeout: 180_000 }, async (t) => {
  if (!hasJdk()) return t.skip('JDK (javac, jcmd) absent');
  const tmp = tempDir('jvmdoctor-waste-');
  try {
    javac(tmp.dir, 'Waste.java');
    const { dump } = await dumpJvm({ classDir: tmp.dir, main: 'Waste', jvmArgs: ['-Xmx256m'], dump: join(tmp.dir, 'w.hprof') });
    const r = await analyzeHeapDump(dump, { cache: false });
    const w = r.waste!;
    assert.ok(w, 'the report has a waste section');

    const latin = w.duplicateStrings.top.find((d) => d.text === 'duplicate-me-please');
    assert.ok(latin, `the Latin-1 duplicate: ${JSON.stringify(w.duplicateStrings.top.slice(0, 3))}`);
    // 1,000 copies + the literal they were made from (in the constant pool).
    assert.equal(latin.count, 1001);
    assert.equal(latin.length, 19);
    // String 24 + byte[19] 40 (compressed oops) per extra copy.
    assert.equal(latin.wastedBytes, 1000 * (24 + 40));
    assert.equal(latin.owners[0].field, 'static field LATIN of Waste');
    assert.equal(latin.owners[0].count, 1000, JSON.stringify(latin.owners));
    const utf = w.duplicateStrings.top.find((d) => d.text === 'дубликат-ЮТФ16');
    assert.ok(utf, 'the UTF-16 duplicate, decoded');
    assert.equal(utf.count, 301);
    assert.equal(utf.length, 14);

    const maps = w.collections.find((c) => c.className === 'java.util.HashMap')!;
    assert.ok(maps.empty >= 500, `emptied maps: ${maps.empty}`);
    const lists = w.collections.find((c) => c.className === 'java.util.ArrayList')!;
    assert.ok(lists.sparse >= 200, `sparse lists: ${lists.sparse}`);
    assert.ok(lists.wastedBytes >= 200 * 98 * 4);
    assert.ok(lists.fillRatio > 0 && lists.fillRatio < 1);

    const ints = w.boxed.find((b) => b.className === 'java.lang.Integer')!;
    assert.ok(ints.instances >= 10_000 && ints.inCollections >= 10_000, JSON.stringify(ints));
    assert.equal(ints.wastedBytes, ints.instances * (16 - 4));

    const zeros = w.zeroArrays.byClass.find((z) => z.className === 'byte[]')!;
    assert.ok(zeros.bytes >= 1024 * 1024 + 16);
    assert.ok(zeros.owners.some((o) => /static field ZEROS of Waste/.test(o.field)), JSON.stringify(zeros.owners));

    assert.ok(w.directBuffers.reachable >= 3);
    assert.ok(w.directBuffers.capacityBytes >= 3 * 4 * 1024 * 1024);
    assert.ok(w.directBuffers.owners.some((o) => o.bytes >= 3 * 4 * 1024 * 1024), JSON.stringify(w.directBuffers.owners));

    assert.ok(w.byPackage.some((g) => g.name === 'java.util'));
    assert.ok(w.byClassLoader.some((g) => g.name === '<boot>'));
    assert.ok(w.byClassLoader.some((g) => /AppClassLoader/.test(g.name)));

    // Every format shows it.
    const text = runCli(['heap', dump, '--no-cache']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /Duplicate strings/);
    assert.match(text.stdout, /duplicate-me-please/);
    const json = JSON.parse(runCli(['heap', dump, '--no-cache', '--format', 'json']).stdout);
    assert.equal(json.sections.heaps[0].waste.duplicateStrings.top.find((d: { text: string }) => d.text === 'duplicate-me-please').count, 1001);
    const html = runCli(['heap', dump, '--no-cache', '--format', 'html']).stdout;
    assert.match(html, /Duplicate strings/);
  } finally {
    tmp.cleanup();
  }
});

test('waste on real JDK 8 dumps: char[] strings decoded', async () => {
  const dump = join(repoRoot, 'fixtures', 'hprof-jdk8', 'jdk8u111-deepUnderstandingJvm-dump.hprof.gz');
  const r = await analyzeHeapDump(dump, { cache: false });
  const d = r.waste!.duplicateStrings;
  assert.ok(d.distinct > 0 && d.top.length > 0);
  for (const x of d.top) assert.ok(x.count >= 2 && x.text.length > 0 && !x.text.includes('\u0000'), JSON.stringify(x));
});
