import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, writeFileSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { TarGzWriter } from './tar-writer.js';
import { readTar } from '../input/tar.js';
import { ByteReader } from '../input/byte-reader.js';
import { tempDir } from '../../test/support.js';

test('the bundle writer\'s .tar.gz reads back with our reader and with GNU tar, long names included', async () => {
  const dir = tempDir();
  try {
    const path = join(dir.path, 'b.tar.gz');
    const long = 'tomcat/logs/' + 'x'.repeat(120) + '.log';
    const big = join(dir.path, 'big.bin');
    writeFileSync(big, Buffer.alloc(700_001, 7));
    const w = new TarGzWriter(path);
    await w.add('manifest.json', '{"a":1}\n');
    await w.add('empty.txt', '');
    await w.add(long, 'long name\n');
    await w.addFile('heap.bin', big);
    await w.finish();
    const got: [string, number][] = [];
    for await (const m of readTar(new ByteReader(createReadStream(path).pipe(createGunzip())))) {
      let n = 0;
      for await (const c of m.chunks) n += c.length;
      got.push([m.name, n]);
    }
    assert.deepEqual(got, [['manifest.json', 8], ['empty.txt', 0], [long, 10], ['heap.bin', 700_001]]);
    const gnu = spawnSync('tar', ['tzf', path], { encoding: 'utf8' });
    if (gnu.status === 0) assert.deepEqual(gnu.stdout.trim().split('\n'), ['manifest.json', 'empty.txt', long, 'heap.bin']);
  } finally {
    dir.cleanup();
  }
});
