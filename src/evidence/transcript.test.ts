import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { kindForCommand, looksLikeTranscript, promptCommand, TranscriptSplitter } from './transcript.js';
import { ingest } from './ingest.js';
import { sharedCorpus } from '../../test/support.js';

test('prompt forms', () => {
  assert.equal(promptCommand('[root@localhost ~]# free -h'), 'free -h');
  assert.equal(promptCommand('root@1d75d7d2abcb:/# jstat -gccapacity 1'), 'jstat -gccapacity 1');
  assert.equal(promptCommand('dev@box:~/app$ jps -lv'), 'jps -lv');
  assert.equal(promptCommand('$ top -b -n1'), 'top -b -n1');
  assert.equal(promptCommand('# NGCMN: young gen minimum capacity'), undefined, 'a comment is not a root prompt');
  assert.equal(promptCommand('23-Mar-2023 13:12:50.636 警告 [main] x'), undefined);
});

test('commands map to evidence kinds through wrappers', () => {
  assert.equal(kindForCommand('free -h'), 'free');
  assert.equal(kindForCommand('sudo top -b -n 1'), 'top');
  assert.equal(kindForCommand('docker exec -it 1d75 jstat -gcutil 1 1000'), 'jstat');
  assert.equal(kindForCommand('cat /proc/30164/status | grep Threads'), 'proc-status');
  assert.equal(kindForCommand('java -version'), 'java-version');
  assert.equal(kindForCommand('docker ps'), 'skip');
  assert.equal(kindForCommand('jmap -dump:file=dump.hprof 1'), 'skip');
  assert.equal(kindForCommand('some-tool --x'), undefined, 'unknown: sniff the output');
});

test('a pasted session splits into sections with the transcript\'s own line numbers', () => {
  const lines = [
    '# checking memory', // 1
    '[root@host ~]# free -m', // 2
    '              total        used        free      shared  buff/cache   available', // 3
    'Mem:          32000       15000        7000          35        8000       14000', // 4
    'Swap:          2000           0        2000', // 5
    '[root@host ~]# docker ps', // 6
    'CONTAINER ID   IMAGE', // 7
    '# inside the container', // 8
    'root@abc:/# java -version', // 9
    'openjdk version "17.0.15" 2025-04-15', // 10
    'OpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)', // 11
    'OpenJDK 64-Bit Server VM (build 17.0.15+6-Debian-1deb12u1, mixed mode, sharing)', // 12
  ];
  assert.ok(looksLikeTranscript(lines.join('\n')));
  const s = new TranscriptSplitter();
  lines.forEach((l, i) => s.line(l, i + 1));
  s.finish();
  assert.deepEqual(s.sections.map((x) => [x.kind, x.section, x.firstLine, x.lastLine]), [
    ['free', 'free -m', 2, 5],
    ['java-version', 'java -version', 9, 12],
  ]);
  const free = s.sections[0].data as { mem: { line: number } };
  assert.equal(free.mem.line, 4);
  assert.deepEqual(s.skipped, []);
});

test('the seed write-up itself is read as a transcript', async (t) => {
  const corpus = sharedCorpus();
  const seed = corpus && join(corpus, '..', 'seed', '000_b08cac2f48c62f59.txt');
  if (!seed || !existsSync(seed)) return t.skip('../shared/seed is absent (a user clone has none)');
  const { case: c } = await ingest([seed]);
  const byKind = Object.fromEntries(c.items.map((i) => [i.kind, i.section]));
  assert.match(byKind.free!, /^free -h \(lines \d+–\d+\)$/);
  assert.match(byKind.jstat!, /^jstat -gccapacity 1/);
  assert.match(byKind['java-version']!, /^java -version/);
  assert.equal(c.of('proc-status')[0].data.threads?.value, 363);
  const tops = c.of('top').map((i) => i.data.mode).sort();
  assert.deepEqual(tops, ['processes', 'threads']);
});
