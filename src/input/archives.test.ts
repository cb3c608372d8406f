import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync, readFileSync, truncateSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { ByteReader } from './byte-reader.js';
import { readTar } from './tar.js';
import { listZip, openZipEntry } from './zip.js';
import { tempDir } from '../../test/support.js';

async function collect(it: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of it) parts.push(Buffer.from(c));
  return Buffer.concat(parts).toString('utf8');
}

function makeTree(dir: string) {
  mkdirSync(join(dir, 'ev', 'logs'), { recursive: true });
  writeFileSync(join(dir, 'ev', 'free.txt'), 'free contents\n');
  writeFileSync(join(dir, 'ev', 'logs', 'catalina.out'), 'x'.repeat(100_000) + '\nend\n');
  writeFileSync(join(dir, 'ev', `${'long-name-'.repeat(12)}.txt`), 'long\n'); // > 100 chars: GNU/pax long name
}

test('tar.gz members stream in order, long names included, tiny chunks too', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  makeTree(tmp.path);
  const tgz = join(tmp.path, 'ev.tar.gz');
  execFileSync('tar', ['-czf', tgz, '-C', tmp.path, 'ev']);
  for (const highWaterMark of [7, 65536]) {
    const reader = new ByteReader(createReadStream(tgz, { highWaterMark }).pipe(createGunzip()));
    const seen: [string, number][] = [];
    for await (const m of readTar(reader)) seen.push([m.name, (await collect(m.chunks)).length]);
    const names = seen.map((s) => s[0]).sort();
    assert.deepEqual(names, ['ev/free.txt', `ev/${'long-name-'.repeat(12)}.txt`, 'ev/logs/catalina.out'].sort());
    assert.equal(seen.find((s) => s[0].endsWith('catalina.out'))![1], 100_005);
  }
});

test('a member left unread is skipped correctly', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  makeTree(tmp.path);
  const tarFile = join(tmp.path, 'ev.tar');
  execFileSync('tar', ['-cf', tarFile, '-C', tmp.path, 'ev']);
  const names: string[] = [];
  for await (const m of readTar(new ByteReader(createReadStream(tarFile)))) names.push(m.name); // never reads bodies
  assert.equal(names.length, 3);
});

test('a truncated tar throws a clear error after the members it could read', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  makeTree(tmp.path);
  const tarFile = join(tmp.path, 'ev.tar');
  execFileSync('tar', ['-cf', tarFile, '-C', tmp.path, 'ev']);
  truncateSync(tarFile, Math.floor(statSync(tarFile).size / 2));
  const names: string[] = [];
  await assert.rejects(async () => {
    for await (const m of readTar(new ByteReader(createReadStream(tarFile)))) {
      names.push(m.name);
      await collect(m.chunks);
    }
  }, /truncated|ends inside/);
});

test('zip: deflated and stored members', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  makeTree(tmp.path);
  const zipFile = join(tmp.path, 'ev.zip');
  try {
    execFileSync('python3', ['-c', `
import zipfile, os, sys
root = sys.argv[1]
with zipfile.ZipFile(sys.argv[2], 'w') as z:
    z.write(os.path.join(root, 'ev/free.txt'), 'ev/free.txt', compress_type=zipfile.ZIP_STORED)
    z.write(os.path.join(root, 'ev/logs/catalina.out'), 'ev/logs/catalina.out', compress_type=zipfile.ZIP_DEFLATED)
`, tmp.path, zipFile]);
  } catch {
    return t.skip('python3 not available to build a zip');
  }
  const entries = await listZip(zipFile);
  assert.deepEqual(entries.map((e) => [e.name, e.method]), [['ev/free.txt', 0], ['ev/logs/catalina.out', 8]]);
  assert.equal(await collect(await openZipEntry(zipFile, entries[0])), 'free contents\n');
  assert.equal((await collect(await openZipEntry(zipFile, entries[1]))).length, 100_005);
  // Truncated: the central directory is gone.
  writeFileSync(join(tmp.path, 'cut.zip'), readFileSync(zipFile).subarray(0, 200));
  await assert.rejects(listZip(join(tmp.path, 'cut.zip')), /end-of-central-directory|truncated/);
});
