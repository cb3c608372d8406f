// Tomcat leak warnings as people paste them (fixtures/wild/, real issues): templates found anywhere in
// a line, compose prefixes, lost headers, Tomcat 6 names, lifecycle lines. Every fixture is parsed every
// way (fast path, slow path, tiny chunks, classified ahead) and must agree.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { logParser, stripComposePrefix } from './parse.js';
import { findLeakMessage } from './leak-templates.js';
import { readLeakMessage } from './tomcat-leaks.js';
import { parseEveryWay } from '../testing.js';
import type { LogReport } from './types.js';
import { corpusPath, repoRoot } from './testkit.js';

function wild(name: string): LogReport {
  const dir = join(repoRoot(), 'fixtures', 'wild', name);
  const file = readdirSync(dir).find((f) => f !== 'SOURCE.md' && f !== 'expected.json')!;
  return parseEveryWay(logParser, readFileSync(join(dir, file)));
}

test('docker compose prefixes are removed (v1 "tomcat_1  | ", v2 "kafka-1  | "), other bars are not', () => {
  assert.equal(stripComposePrefix('tomcat_1  | SEVERE: x'), 'SEVERE: x');
  assert.equal(stripComposePrefix('kafka-1  | Invalid maximum heap size: -Xmx256m'), 'Invalid maximum heap size: -Xmx256m');
  assert.equal(stripComposePrefix('  |   | 2020-12-24 15:18:48 | at x'), '  |   | 2020-12-24 15:18:48 | at x');
  assert.equal(stripComposePrefix('a | b'), 'a | b');
});

test('compose-prefixed JUL records: a first record without its header, all five Ehcache spool threads', () => {
  const r = wild('tomcat-compose-prefix-openboxes');
  assert.deepEqual(r.tomcatLeaks.map((l) => [l.webapp, l.threadName]), [
    ['/openboxes', 'Store messageCache Spool Thread'],
    ['/openboxes', 'Store dashboardTotalStockValueCache Spool Thread'],
    ['/openboxes', 'Store dashboardProductSummaryCache Spool Thread'],
    ['/openboxes', 'Store fastMoversCache Spool Thread'],
    ['/openboxes', 'Store quantityOnHandCache'],
  ]);
  assert.equal(r.tomcatLeaks[0].level, 'SEVERE');
  assert.equal(r.tomcatLeaks[0].library, 'Ehcache');
  assert.equal(r.tomcatLeaks[4].partial, true, 'the cut-off last record');
});

test('date cut off before the localized level, and a record with neither date nor level', () => {
  const r = wild('tomcat-headerless-zh-level-log4j2-mysql');
  assert.deepEqual(r.tomcatLeaks.map((l) => [l.webapp, l.threadName, l.level, l.library]), [
    ['ROOT', 'Log4j2-TF-6-Scheduled-2', 'WARNING', 'Log4j 2'],
    ['ROOT', 'Abandoned connection cleanup thread', '', 'MySQL Connector/J'],
  ]);
  assert.deepEqual(r.tomcatLeaks[0].stack, ['sun.misc.Unsafe.park(Native Method)']);
});

test('no header at all, a JUL message line without its header, a class-name prefix', () => {
  assert.deepEqual(wild('tomcat-no-header-bimserver').tomcatLeaks.map((l) => [l.webapp, l.threadName, l.library]), [
    ['ROOT', 'EMF Reference Cleaner', 'Eclipse EMF'],
    ['ROOT', 'UniqueName0.8586790344946474_Worker-1', 'Quartz Scheduler'],
  ]);
  const vivo = wild('tomcat-severe-only-vivo-c3p0').tomcatLeaks;
  assert.deepEqual(vivo.map((l) => [l.webapp, l.threadName, l.level, l.library]), [['/vivo', 'C3P0PooledConnectionPoolManager-Helper Thread-4', 'SEVERE', 'c3p0']]);
  const chronicle = wild('tomcat-classname-prefix-chronicle').tomcatLeaks;
  assert.deepEqual(chronicle.map((l) => [l.method, l.webapp, l.threadName]), [['clearReferencesThreads', '/abc', 'chronicle-source']]);
});

test('Tomcat 6 clearThreadLocalMap, with and without the webapp', () => {
  const t6 = wild('tomcat6-threadlocal-forcibly-removed').tomcatLeaks;
  assert.equal(t6.length, 4);
  assert.deepEqual(t6.slice(0, 3).map((l) => [l.kind, l.webapp, l.keyType, l.library]), [
    ['threadlocal', undefined, 'org.springframework.core.NamedThreadLocal', 'Spring'],
    ['threadlocal', undefined, 'org.codehaus.groovy.runtime.GroovyCategorySupport.MyThreadLocal', 'Groovy'],
    ['threadlocal', undefined, 'org.springframework.core.NamedThreadLocal', 'Spring'],
  ]);
  const wise = wild('tomcat6-stopping-service-threadlocal-jdbc');
  assert.deepEqual(wise.tomcatLeaks.map((l) => [l.kind, l.webapp]), [['threadlocal', '/jnlp'], ['threadlocal', '/jnlp'], ['thread', '/host-manager']]);
  assert.deepEqual(wise.lifecycle?.map((e) => [e.kind, e.line]), [['shutdown', 1]]);
});

test("an application logger re-printing Tomcat's Spanish template; journald's prefix; lifecycle lines", () => {
  const es = wild('tomcat-es-templates-app-logger-adempiere').tomcatLeaks;
  assert.deepEqual(es.map((l) => [l.webapp, l.threadName, l.library]), [
    ['/', 'Timer-0', 'java.util.Timer'],
    ['/', 'com.mchange.v2.async.ThreadPoolAsynchronousRunner$PoolThread-#0', 'c3p0'],
    ['/', 'com.mchange.v2.async.ThreadPoolAsynchronousRunner$PoolThread-#1', 'c3p0'],
    ['/', 'com.mchange.v2.async.ThreadPoolAsynchronousRunner$PoolThread-#2', 'c3p0'],
    ['/', 'OracleTimeoutPollingThread', 'Oracle JDBC'],
  ]);
  const journal = wild('journal-tomcat9-failed-start-tinylog');
  assert.deepEqual(journal.tomcatLeaks.map((l) => [l.webapp, l.threadName, l.library]), [['ca', 'tinylog-WritingThread', 'tinylog']]);
  assert.deepEqual(journal.lifecycle?.map((e) => e.kind), ['failed-start', 'failed-start']);
  assert.deepEqual(wild('tomcat7-redeploy-hector').lifecycle?.map((e) => [e.kind, e.line]), [['redeploy', 6]]);
});

// Every leak template of every locale Tomcat ships, behind a prefix no header parser knows: found,
// and read with the right webapp and thread.
const TSV = corpusPath('reference/tomcat-loader-messages.tsv');
test('every localized leak template is found anywhere in a line', { skip: existsSync(TSV) ? false : `${TSV} absent` }, () => {
  const keys = new Set(['warnThread', 'stackTrace', 'stopThreadFail', 'warnTimerThread', 'checkThreadLocalsForLeaks', 'clearJdbc']);
  let checked = 0;
  for (const row of readFileSync(TSV, 'utf8').split('\n').slice(1)) {
    const [key, locale, , template] = row.split('\t');
    if (!template || !keys.has(key.replace('webappClassLoader.', ''))) continue;
    const k = key.replace('webappClassLoader.', '');
    const args = k === 'stopThreadFail' ? ['worker-1', '/shop'] : k === 'clearJdbc' ? ['/shop', 'com.mysql.cj.jdbc.Driver'] : ['/shop', 'worker-1', 'com.example.Key', 'k', 'com.example.Value', 'v'];
    const message = template.replace(/''/g, "'").replace(/\{(\d)\}/g, (_, i: string) => (k === 'stackTrace' && i === '2' ? '' : args[Number(i)]));
    const line = `>>> [exec-1] ${message}`;
    const found = findLeakMessage(line);
    assert.ok(found, `${k} ${locale}: ${line}`);
    const d = readLeakMessage(found.method, found.level, line.slice(found.messageStart));
    assert.ok(d, `${k} ${locale}: read`);
    assert.equal(d.webapp, '/shop', `${k} ${locale}: webapp in ${line.slice(found.messageStart)}`);
    if (k !== 'clearJdbc' && k !== 'checkThreadLocalsForLeaks') assert.equal(d.threadName, 'worker-1', `${k} ${locale}: thread`);
    checked++;
  }
  assert.ok(checked >= 30, `checked ${checked}`);
});
