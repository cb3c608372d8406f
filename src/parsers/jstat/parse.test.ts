import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { jstatParser } from './parse.js';
import { identifyJstatHeader, jstatColumnInfo, JSTAT_OPTION_COLUMNS } from './columns.js';
import { parseEveryWay } from '../testing.js';
import type { JstatOption } from './types.js';

// dist/src/parsers/jstat → repo root is four levels up.
const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const FIXTURES = join(ROOT, 'fixtures', 'jstat');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

test('reads the seed JDK 8 -gccapacity (young gen at its maximum, 794 MB of metaspace)', () => {
  const text = fixture('seed-jdk8-gccapacity.txt');
  assert.ok(jstatParser.sniff('jstat.txt', text) > 0.9);
  const r = parseEveryWay(jstatParser, text);
  assert.equal(r.option, 'gccapacity');
  assert.equal(r.columnSet, 'jdk8');
  assert.equal(r.samples.length, 1);
  const v = r.samples[0].values;
  assert.equal(v.NGCMX, 1397760);
  assert.equal(v.NGC, v.NGCMX);
  assert.equal(v.S0C, 25088);
  assert.equal(v.S1C, 23552);
  assert.equal(v.EC, 1349120);
  assert.equal(v.OGCMX, 2796544);
  assert.equal(v.OC, 2375680);
  assert.equal(v.MC, 812632);
  assert.equal(Math.round(v.MC! / 1024), 794);
  assert.equal(v.CCSC, 110208);
  assert.equal(v.YGC, 1624);
  assert.equal(v.FGC, 820);
  assert.equal(r.samples[0].line, 2);
  assert.equal(r.header.line, 1);
  assert.equal(r.problem, undefined);
});

test('identifies every option from the real JDK 17 outputs (fixtures/jstat/jdk17-*.txt)', () => {
  const expected: Record<string, JstatOption> = {
    'jdk17-gc.txt': 'gc', 'jdk17-gccapacity.txt': 'gccapacity', 'jdk17-gcutil.txt': 'gcutil',
    'jdk17-gccause.txt': 'gccause', 'jdk17-gcnew.txt': 'gcnew', 'jdk17-gcnewcapacity.txt': 'gcnewcapacity',
    'jdk17-gcold.txt': 'gcold', 'jdk17-gcoldcapacity.txt': 'gcoldcapacity', 'jdk17-gcmetacapacity.txt': 'gcmetacapacity',
    'jdk17-class.txt': 'class', 'jdk17-compiler.txt': 'compiler', 'jdk17-printcompilation.txt': 'printcompilation',
  };
  for (const [file, option] of Object.entries(expected)) {
    const text = fixture(file);
    assert.ok(jstatParser.sniff(file, text) > 0.9, file);
    const r = parseEveryWay(jstatParser, text);
    assert.equal(r.option, option, file);
    assert.equal(r.samples.length, 1, file);
    assert.equal(r.problem, undefined, file);
    // Every column of the header has a value (number, null for "-") or a text cell.
    for (const key of r.keys!) {
      const s = r.samples[0];
      assert.ok(key in s.values || key in s.texts, `${file}: ${key} missing`);
      assert.ok(jstatColumnInfo(r.option, key), `${file}: no meaning for ${key}`);
    }
    if (['gc', 'gccapacity', 'gcutil', 'gccause', 'gcold', 'gcoldcapacity', 'gcmetacapacity', 'gcnewcapacity'].includes(option)) {
      assert.equal(r.columnSet, 'jdk9+', file);
    }
  }
});

test('"-" cells are null, not zero (Parallel GC has no concurrent collector: CGC/CGCT)', () => {
  const r = parseEveryWay(jstatParser, fixture('jdk17-gc.txt'));
  const v = r.samples[0].values;
  assert.equal(v.CGC, null);
  assert.equal(v.CGCT, null);
  assert.equal(typeof v.GCT, 'number');
  assert.equal(v.FGC, 0);
  assert.ok(v.EC! > 0 && v.EU! <= v.EC!);
});

test('-class keeps both Bytes columns apart; -compiler and -printcompilation keep text cells', () => {
  const cls = parseEveryWay(jstatParser, fixture('jdk17-class.txt'));
  assert.deepEqual(cls.keys, ['Loaded', 'Bytes', 'Unloaded', 'UnloadedBytes', 'Time']);
  assert.ok(cls.samples[0].values.Loaded! > 100);
  assert.equal(cls.samples[0].values.UnloadedBytes, 0);
  const comp = parseEveryWay(jstatParser, fixture('jdk17-compiler.txt'));
  assert.equal(comp.samples[0].texts.FailedMethod, '');
  assert.equal(comp.samples[0].values.Failed, 0);
  const pc = parseEveryWay(jstatParser, fixture('jdk17-printcompilation.txt'));
  assert.match(pc.samples[0].texts.Method, /^\S+ \S+$/); // "java/util/ArrayList add": class, space, method
});

test('GC cause strings with spaces (G1) are split into LGCC and GCC', () => {
  const r = parseEveryWay(jstatParser, fixture('jdk17-g1-gccause.txt'));
  assert.equal(r.option, 'gccause');
  assert.equal(r.samples[0].texts.LGCC, 'G1 Evacuation Pause');
  assert.equal(r.samples[0].texts.GCC, 'No GC');
  const long = ' 0.00 100.00  0.00  1.93 55.38  5.79    5  0.030  0  0.000  0  0.000  0.030 Metadata GC Threshold No GC\n';
  const header = '  S0     S1     E      O      M     CCS    YGC     YGCT     FGC    FGCT     CGC    CGCT       GCT    LGCC                 GCC                 \n';
  const r2 = parseEveryWay(jstatParser, header + long);
  assert.deepEqual(r2.samples[0].texts, { LGCC: 'Metadata GC Threshold', GCC: 'No GC' });
});

test('decimal commas (a German-locale JVM) read as the same numbers', () => {
  const r = parseEveryWay(jstatParser, fixture('jdk17-gc-de.txt'));
  assert.equal(r.option, 'gc');
  const v = r.samples[0].values;
  assert.ok(Number.isInteger(v.EC) && v.EC! > 1000);
  assert.ok(v.MU! > 0 && !Number.isInteger(v.MU));
  const u = parseEveryWay(jstatParser, fixture('jdk17-gcutil-de.txt'));
  assert.ok(u.samples[0].values.M! > 1 && u.samples[0].values.M! < 100);
});

test('-t -h3 with an interval: timestamps, repeated headers skipped, every sample kept in order', () => {
  const text = fixture('jdk17-gcutil-t-h3-samples.txt');
  const r = parseEveryWay(jstatParser, text);
  assert.equal(r.option, 'gcutil');
  assert.equal(r.columns[0], 'Timestamp');
  const dataLines = text.split('\n').filter((l) => /^\s*\d/.test(l)).length;
  assert.equal(r.samples.length, dataLines);
  assert.equal(r.more, undefined);
  const ts = r.samples.map((s) => s.timestamp!);
  assert.ok(ts.every((t, i) => i === 0 || t >= ts[i - 1]), 'timestamps grow');
  assert.ok(!('Timestamp' in r.samples[0].values));
  const ygc = r.samples.map((s) => s.values.YGC!);
  assert.ok(ygc.every((n, i) => i === 0 || n >= ygc[i - 1]), 'YGC never decreases');
});

test('a pasted prompt names the command; a second option in the same file becomes another table', () => {
  const text = 'root@1d75d7d2abcb:/# jstat -gccapacity 1\n' + fixture('seed-jdk8-gccapacity.txt') + '# jstat -gcutil 1\n' + fixture('jdk17-gcutil.txt');
  assert.ok(jstatParser.sniff('notes.txt', text) > 0.9);
  const r = parseEveryWay(jstatParser, text);
  assert.equal(r.command?.value, 'jstat -gccapacity 1');
  assert.equal(r.command?.line, 1);
  assert.equal(r.option, 'gccapacity');
  assert.equal(r.more?.length, 1);
  assert.equal(r.more![0].option, 'gcutil');
  assert.equal(r.more![0].command?.value, 'jstat -gcutil 1');
});

test('JDK 8 and JDK 7 column sets are told apart', () => {
  assert.deepEqual(identifyJstatHeader(JSTAT_OPTION_COLUMNS.gcutil.jdk8!), { option: 'gcutil', columnSet: 'jdk8' });
  assert.deepEqual(identifyJstatHeader(JSTAT_OPTION_COLUMNS.gc.jdk7!), { option: 'gc', columnSet: 'jdk7' });
  assert.deepEqual(identifyJstatHeader(['Timestamp', ...JSTAT_OPTION_COLUMNS.gc.jdk9!]), { option: 'gc', columnSet: 'jdk9+' });
  assert.deepEqual(identifyJstatHeader(JSTAT_OPTION_COLUMNS.gcnew.jdk8!), { option: 'gcnew', columnSet: undefined });
  const jdk8gc = ' S0C    S1C    S0U    S1U      EC       EU        OC         OU       MC     MU    CCSC   CCSU   YGC     YGCT    FGC    FGCT     GCT   \n' +
    '512,0  512,0   0,0   64,0   4416,0   1011,5   10944,0     2107,2  4864,0 4710,6 512,0  462,5       4    0,012   0      0,000    0,012\n';
  const r = parseEveryWay(jstatParser, jdk8gc);
  assert.equal(r.columnSet, 'jdk8');
  assert.equal(r.samples[0].values.EU, 1011.5);
});

test('rows that do not fit the header are reported, not guessed', () => {
  const text = fixture('jdk17-gcutil.txt') + '  1.00  2.00  3.00\n';
  const r = parseEveryWay(jstatParser, text);
  assert.equal(r.samples.length, 1);
  assert.match(r.problem ?? '', /1 row\(s\) do not fit/);
});

test('our column tables agree with the shared jstat-columns.tsv reference', (t) => {
  const tsv = join(ROOT, '..', 'shared', 'corpus', 'reference', 'jstat-columns.tsv');
  if (!existsSync(tsv)) return t.skip('../shared/corpus/reference/jstat-columns.tsv absent');
  let checked = 0;
  for (const row of readFileSync(tsv, 'utf8').split('\n').slice(1)) {
    const [option, column, , , , jdk8, jdk9] = row.split('\t');
    if (!option || option.startsWith('#') || !(option in JSTAT_OPTION_COLUMNS)) continue;
    const sets = JSTAT_OPTION_COLUMNS[option as keyof typeof JSTAT_OPTION_COLUMNS];
    const names = column.split(/\s+/).filter((c) => /^[A-Z][A-Z0-9]*$/.test(c));
    for (const name of names) {
      const in8 = (sets.jdk8 ?? []).includes(name);
      const in9 = (sets.jdk9 ?? sets.jdk8 ?? []).includes(name);
      assert.equal(in8, jdk8 === 'yes', `${option} ${name} on JDK 8`);
      assert.equal(in9, jdk9 === 'yes', `${option} ${name} on JDK 9+`);
      checked++;
    }
  }
  assert.ok(checked > 50, `checked ${checked} columns`);
});

test('does not claim other text; an empty or headerless file says why', () => {
  assert.equal(jstatParser.sniff('a.txt', 'hello world\n'), 0);
  assert.equal(jstatParser.sniff('a.txt', 'openjdk version "17.0.15" 2025-04-15\n'), 0);
  assert.equal(jstatParser.sniff('a.txt', '1 Bootstrap\n7959 Jps\n'), 0);
  assert.ok(jstatParser.sniff('jstat-gc.txt', 'garbage') <= 0.5);
  const r = parseEveryWay(jstatParser, '1 not found\n');
  assert.equal(r.samples.length, 0);
  assert.match(r.problem ?? '', /no jstat header/);
  assert.ok(readdirSync(FIXTURES).length > 10);
});

test('CRLF line ends (a file saved on Windows) read the same', () => {
  const text = fixture('jdk17-gcutil-t-h3-samples.txt');
  const a = parseEveryWay(jstatParser, text.replace(/\n/g, '\r\n'));
  const b = parseEveryWay(jstatParser, text);
  assert.deepEqual(a.samples.map((s) => s.values), b.samples.map((s) => s.values));
});
