// A parser that throws is a bug in jvmdoctor, and must look like one: `diagnose` exits 3 (internal
// error) with one line naming the file, the parser and the line — never exit 0 with the file listed
// as used and "reading stopped … the part before was analysed". Checked for a plain file and for
// members of real .tar.gz and .zip archives (made here with tar and zip), through the built CLI with
// the registry's `free` parser swapped (throwing-parser.ts, loaded with --import) for one that throws
// a TypeError on its third line.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/evidence/ingest.js';
import { ParserBug } from '../../src/util/errors.js';
import { repoRoot, tempDir } from '../support.js';

const tmp = tempDir('jvmdoctor-parser-bug-');
const PATCH = join(repoRoot(), 'dist', 'test', 'e2e', 'throwing-parser.js');
const have = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

before(() => {
  mkdirSync(join(tmp.path, 'ev'));
  copyFileSync(join(repoRoot(), 'examples', 'seed-incident', 'free-h.txt'), join(tmp.path, 'ev', 'free-h.txt'));
  copyFileSync(join(repoRoot(), 'examples', 'seed-incident', 'java-version.txt'), join(tmp.path, 'ev', 'java-version.txt'));
});
after(() => tmp.cleanup());

/** The built CLI with the throwing parser swapped in (or the real one). */
function cli(args: string[], throwing = true, env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...(throwing ? ['--import', pathToFileURL(PATCH).href] : []), join(repoRoot(), 'bin', 'jvmdoctor.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function expectBug(input: string, file: RegExp): void {
  const r = cli(['diagnose', input, '--format', 'json']);
  assert.equal(r.code, 3, `exit code 3 (internal error), got ${r.code}: ${r.stderr}`);
  assert.equal(r.stdout, '', 'no report printed');
  const lines = r.stderr.trim().split('\n');
  assert.match(lines[0], /^jvmdoctor: internal error: the free parser failed on .* line 3: TypeError: /);
  assert.match(lines[0], file);
  assert.doesNotMatch(r.stderr, /reading stopped/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack without --debug');
  const debug = cli(['diagnose', input, '--format', 'json', '--debug']);
  assert.equal(debug.code, 3);
  assert.match(debug.stderr, /TypeError[\s\S]*\n\s+at /, 'the stack with --debug');
}

test('plain file: a throwing parser is an internal error naming file, parser and line', async () => {
  expectBug(join(tmp.path, 'ev'), /ev\/free-h\.txt line 3/);
  // In process, with the real parser swapped the same way: ingest rejects with a ParserBug.
  await import(pathToFileURL(PATCH).href);
  await assert.rejects(ingest([join(tmp.path, 'ev', 'free-h.txt')]), (e: unknown) => e instanceof ParserBug && e.parser === 'free' && e.line === 3);
});

test('.tar.gz member: the same, not "archive stopped being readable"', (t) => {
  if (!have('tar')) return t.skip('tar is not installed');
  const bundle = join(tmp.path, 'bundle.tar.gz');
  execFileSync('tar', ['-czf', bundle, '-C', tmp.path, 'ev']);
  expectBug(bundle, /bundle\.tar\.gz!\/ev\/free-h\.txt line 3/);
});

test('.zip member: the same, not a skipped entry', (t) => {
  if (!have('zip')) return t.skip('zip is not installed');
  const bundle = join(tmp.path, 'bundle.zip');
  execFileSync('zip', ['-qr', bundle, 'ev'], { cwd: tmp.path });
  assert.ok(existsSync(bundle));
  expectBug(bundle, /bundle\.zip!\/ev\/free-h\.txt line 3/);
});

test('a log parser failing on its byte-level fast path is named with its line too', () => {
  const log = join(tmp.path, 'catalina.out');
  writeFileSync(log, Array.from({ length: 10 }, (_, i) => `23-Mar-2023 13:19:0${i}.000 INFO [main] org.example.App.run request ${i}`).join('\n') + '\n');
  const r = cli(['diagnose', log, '--format', 'json'], true, { JVMDOCTOR_TEST_THROW: 'log' });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr.split('\n')[0], /^jvmdoctor: internal error: the log parser failed on .*catalina\.out line 3: TypeError: /);
});

test('the real parser: the same bundle is diagnosed, exit 0', (t) => {
  if (!have('tar')) return t.skip('tar is not installed');
  const r = cli(['diagnose', join(tmp.path, 'bundle.tar.gz'), '--format', 'json', '--fail-on', 'none'], false);
  assert.equal(r.code, 0, r.stderr);
  assert.ok((JSON.parse(r.stdout) as { inputs: { kind: string }[] }).inputs.some((i) => i.kind === 'free'));
});
