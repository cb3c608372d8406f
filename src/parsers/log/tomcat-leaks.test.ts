import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { logParser } from './parse.js';
import { readLeakMessage, readLeakStackLine } from './tomcat-leaks.js';
import { JUL_LEVEL_NAMES } from './level-names.js';
import { parseBytes, parseEveryWay } from '../testing.js';
import type { LogReport, TomcatLeakWarning } from './types.js';
import { corpusPath } from './testkit.js';

// What each leak-check message's arguments are, in the English template's {n} order, which method
// logs it and at which level (apache/tomcat WebappClassLoaderBase.java). Messages of other methods
// (jar changes, read errors, transformers) are not leak checks and must produce no warning.
type Role = 'webapp' | 'thread' | 'timer' | 'stack' | 'keyType' | 'keyValue' | 'valueType' | 'value' | 'driver' | 'stub' | 'rmiValue' | 'module' | 'other';
const SPEC: Record<string, { method: string; level: string; roles: Role[]; key?: string }> = {
  stackTrace: { method: 'clearReferencesThreads', level: 'WARNING', roles: ['webapp', 'thread', 'stack'] },
  stackTraceRequestThread: { method: 'clearReferencesThreads', level: 'WARNING', roles: ['webapp', 'thread', 'stack'] },
  warnThread: { method: 'clearReferencesThreads', level: 'SEVERE', roles: ['webapp', 'thread'] },
  warnRequestThread: { method: 'clearReferencesThreads', level: 'SEVERE', roles: ['webapp', 'thread'] },
  stopThreadFail: { method: 'clearReferencesThreads', level: 'WARNING', roles: ['thread', 'webapp'] },
  checkThreadsHttpClient: { method: 'clearReferencesThreads', level: 'FINE', roles: [] },
  warnTimerThread: { method: 'clearReferencesStopTimerThread', level: 'WARNING', roles: ['webapp', 'timer'] },
  stopTimerThreadFail: { method: 'clearReferencesStopTimerThread', level: 'WARNING', roles: ['timer', 'webapp'] },
  checkThreadLocalsForLeaks: { method: 'checkThreadLocalMapForLeaks', level: 'SEVERE', roles: ['webapp', 'keyType', 'keyValue', 'valueType', 'value'] },
  checkThreadLocalsForLeaksNone: { method: 'checkThreadLocalMapForLeaks', level: 'FINE', roles: ['webapp', 'keyType', 'keyValue', 'valueType', 'value'] },
  checkThreadLocalsForLeaksNull: { method: 'checkThreadLocalMapForLeaks', level: 'FINE', roles: ['webapp', 'keyType', 'keyValue'] },
  'checkThreadLocalsForLeaks.badKey': { method: 'checkThreadLocalMapForLeaks', level: 'FINE', roles: ['other'], key: '' },
  'checkThreadLocalsForLeaks.badValue': { method: 'checkThreadLocalMapForLeaks', level: 'FINE', roles: ['other'], key: '' },
  checkThreadLocalsForLeaksFail: { method: 'checkThreadLocalsForLeaks', level: 'WARNING', roles: ['webapp'] },
  addExportsThreadLocal: { method: 'checkThreadLocalsForLeaks', level: 'WARNING', roles: ['module'] },
  clearJdbc: { method: 'clearReferencesJdbc', level: 'WARNING', roles: ['webapp', 'driver'] },
  jdbcRemoveFailed: { method: 'clearReferencesJdbc', level: 'WARNING', roles: ['webapp'] },
  jdbcRemoveStreamError: { method: 'clearReferencesJdbc', level: 'WARNING', roles: ['webapp'], key: '' },
  clearRmi: { method: 'clearReferencesRmiTargets', level: 'SEVERE', roles: ['stub', 'rmiValue'] },
  clearRmiFail: { method: 'clearReferencesRmiTargets', level: 'WARNING', roles: ['webapp'] },
  clearRmiInfo: { method: 'clearReferencesRmiTargets', level: 'INFO', roles: ['webapp'] },
  addExportsRmi: { method: 'clearReferencesRmiTargets', level: 'WARNING', roles: ['module'] },
  clearObjectStreamClassCachesFail: { method: 'clearReferencesObjectStreamClassCaches', level: 'WARNING', roles: ['webapp'] },
  addExportsJavaIo: { method: 'clearReferencesObjectStreamClassCaches', level: 'WARNING', roles: ['module'] },
  stopped: { method: 'checkStateForResourceLoading', level: 'INFO', roles: ['other'] },
  loadedByThisOrChildFail: { method: 'loadedByThisOrChild', level: 'WARNING', roles: ['other', 'webapp'] },
};

const THREADS = [
  { name: 'elasticsearch[_client_][generic][T#3]', pool: 'elasticsearch[_client_][generic]', library: 'Elasticsearch TransportClient' },
  { name: 'OkHttp ConnectionPool', pool: 'OkHttp ConnectionPool', library: 'OkHttp' },
  { name: 'pool-2-thread-7', pool: 'pool-2', library: 'unnamed ExecutorService' },
];
const WEBAPPS = ['xxx', '/examples', 'ROOT'];
const STACK = ['sun.misc.Unsafe.park(Native Method)', 'java.util.concurrent.locks.LockSupport.park(LockSupport.java:175)', 'java.lang.Thread.run(Thread.java:748)'];

interface Row {
  key: string;
  locale: string;
  branches: string;
  text: string;
}

function readRows(): Row[] | undefined {
  const tsv = corpusPath('reference/tomcat-loader-messages.tsv');
  if (!existsSync(tsv)) return undefined;
  return readFileSync(tsv, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => c[0].startsWith('webappClassLoader.'))
    .map(([key, locale, branches, text]) => ({ key: key.slice('webappClassLoader.'.length), locale, branches, text }));
}

/** Level names per JDK locale, from the reference TSV when present, else the embedded JDK names. */
function levelLocales(): Record<string, Record<string, string>> {
  const order = ['SEVERE', 'WARNING', 'INFO', 'CONFIG', 'FINE'];
  const out: Record<string, Record<string, string>> = {};
  const tsv = corpusPath('reference/jul-level-names.tsv');
  const rows = existsSync(tsv)
    ? readFileSync(tsv, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'))
    : Object.entries(JUL_LEVEL_NAMES).map(([loc, names]) => [loc, ...names]);
  for (const r of rows) out[r[0]] = Object.fromEntries(order.map((lv, i) => [lv, r[i + 1]]));
  return out;
}

interface Case {
  row: Row;
  webapp: string;
  thread: (typeof THREADS)[number];
  message: string;
}

function render(row: Row, i: number): Case {
  const spec = SPEC[row.key];
  const webapp = WEBAPPS[i % WEBAPPS.length];
  const thread = spec?.roles.includes('timer') ? { name: 'Timer-0', pool: 'Timer', library: 'java.util.Timer' } : THREADS[i % THREADS.length];
  const value: Record<Role, string> = {
    webapp,
    thread: thread.name,
    timer: thread.name,
    stack: STACK.map((f) => '\n ' + f).join(''),
    keyType: 'java.lang.ThreadLocal',
    keyValue: 'java.lang.ThreadLocal@36b9c3a3',
    valueType: 'io.netty.util.internal.InternalThreadLocalMap',
    value: 'io.netty.util.internal.InternalThreadLocalMap@5a1b2c3d',
    driver: 'com.mysql.cj.jdbc.Driver',
    stub: 'sun.management.jmxremote.SingleEntryRegistry',
    rmiValue: 'Proxy[Remote,RemoteObjectInvocationHandler[UnicastRef]]',
    module: 'ALL-UNNAMED',
    other: 'com.example.Foo',
  };
  const roles = spec?.roles ?? [];
  const message = row.text.replace(/''/g, "'").replace(/\{(\d)\}/g, (_, n) => value[roles[Number(n)] ?? 'other']);
  return { row, webapp, thread, message };
}

function oneLine(c: Case, levelName: string): string {
  const method = SPEC[c.row.key]?.method ?? 'modified';
  return `23-Mar-2023 13:12:50.636 ${levelName} [Catalina-utility-1] org.apache.catalina.loader.WebappClassLoaderBase.${method} ${c.message}\n`;
}

function simpleFormatter(c: Case, levelName: string): string {
  const method = SPEC[c.row.key]?.method ?? 'modified';
  return `Mar 23, 2023 1:12:50 PM org.apache.catalina.loader.WebappClassLoaderBase ${method}\n${levelName}: ${c.message}\n`;
}

/** Checks one parsed warning against what was rendered into it. */
function check(c: Case, w: TomcatLeakWarning | undefined, what: string): void {
  const spec = SPEC[c.row.key];
  const used = (r: Role) => spec.roles.some((role, n) => role === r && c.row.text.includes(`{${n}}`));
  assert.ok(w, `${what}: no warning`);
  assert.equal(w.method, spec.method, what);
  if (spec.key !== '') assert.equal(w.messageKey, spec.key ?? c.row.key, what);
  if (used('webapp')) assert.equal(w.webapp, c.webapp, what);
  else assert.equal(w.webapp, undefined, what);
  if (used('thread') || used('timer')) {
    assert.equal(w.threadName, c.thread.name, what);
    assert.equal(w.threadPool, c.thread.pool, what);
    assert.equal(w.kind, used('timer') ? 'timer' : 'thread', what);
    assert.equal(w.library, c.thread.library, what);
  }
  if (used('stack')) assert.deepEqual(w.stack, STACK, what);
  if (used('keyType')) assert.equal(w.keyType, 'java.lang.ThreadLocal', what);
  if (used('valueType')) assert.equal(w.valueType, 'io.netty.util.internal.InternalThreadLocalMap', what);
  if (c.row.key === 'checkThreadLocalsForLeaks') {
    assert.equal(w.kind, 'threadlocal', what);
    assert.equal(w.library, 'Netty', what);
  }
  if (used('driver')) {
    assert.equal(w.kind, 'jdbc-driver', what);
    assert.equal(w.subject, 'com.mysql.cj.jdbc.Driver', what);
    assert.equal(w.library, 'MySQL Connector/J', what);
  }
  if (used('stub')) {
    assert.equal(w.kind, 'rmi-target', what);
    assert.equal(w.subject, 'sun.management.jmxremote.SingleEntryRegistry', what);
  }
}

test('every webappClassLoader message of every locale and branch, through OneLineFormatter lines', (t) => {
  const rows = readRows();
  if (!rows) return t.skip('../shared/corpus/reference/tomcat-loader-messages.tsv absent');
  const levels = levelLocales();
  const locales = Object.keys(levels);
  const cases = rows.map(render);
  // One file with every message, each with the level word of a different JDK locale, through the
  // streaming splitter whole and in 1/3/7-byte chunks.
  const text = cases.map((c, i) => oneLine(c, levels[locales[i % locales.length]][SPEC[c.row.key]?.level ?? 'INFO'])).join('');
  const report = parseEveryWay(logParser, text);
  const byLine = new Map(report.tomcatLeaks.map((w) => [w.line, w]));
  let line = 1;
  let checked = 0;
  const failures: string[] = [];
  for (const c of cases) {
    const what = `${c.row.key} ${c.row.locale} ${c.row.branches}`;
    const w = byLine.get(line);
    try {
      if (SPEC[c.row.key] && c.row.key !== 'checkThreadLocalsForLeaks.unknown') {
        check(c, w, what);
        checked++;
      } else {
        assert.equal(w, undefined, `${what}: not a leak check, yet read as ${JSON.stringify(w)}`);
      }
    } catch (e) {
      failures.push(`${(e as Error).message.split('\n')[0]} — ${c.message.slice(0, 160)} → ${JSON.stringify(w)?.slice(0, 300)}`);
    }
    line += c.message.split('\n').length;
  }
  assert.deepEqual(failures, []);
  assert.ok(checked >= 150, `only ${checked} leak messages checked`);
  assert.equal(report.exceptions.length, 0);
});

test('every message × every JDK locale level name × OneLineFormatter and SimpleFormatter', (t) => {
  const rows = readRows();
  if (!rows) return t.skip('../shared/corpus/reference/tomcat-loader-messages.tsv absent');
  const levels = levelLocales();
  const cases = rows.map(render).filter((c) => SPEC[c.row.key] && c.row.key !== 'checkThreadLocalsForLeaks.unknown');
  for (const [locale, names] of Object.entries(levels)) {
    for (const [format, write] of [['OneLineFormatter', oneLine], ['SimpleFormatter', simpleFormatter]] as const) {
      const text = cases.map((c) => write(c, names[SPEC[c.row.key].level])).join('');
      const report: LogReport = parseBytes(logParser, new TextEncoder().encode(text));
      assert.equal(report.tomcatLeaks.length, cases.length, `${format} with ${locale} levels`);
      report.tomcatLeaks.forEach((w, i) => {
        check(cases[i], w, `${cases[i].row.key} ${cases[i].row.locale} ${format} ${locale}`);
        assert.equal(w.levelText, names[SPEC[cases[i].row.key].level]);
        assert.equal(w.level, SPEC[cases[i].row.key].level);
      });
    }
  }
});

test('Spring Boot / Logback lines name no method: the message words decide', () => {
  const sb = (msg: string) => `2023-03-23 13:12:50.636  WARN 1 --- [           main] o.a.c.loader.WebappClassLoaderBase       : ${msg}\n`;
  const text =
    sb('The web application [ROOT] appears to have started a thread named [mysql-cj-abandoned-connection-cleanup] but has failed to stop it. This is very likely to create a memory leak. Stack trace of thread:') +
    ' java.lang.Object.wait(Native Method)\n' +
    ' java.lang.ref.ReferenceQueue.remove(ReferenceQueue.java:155)\n' +
    ' com.mysql.cj.jdbc.AbandonedConnectionCleanupThread.run(AbandonedConnectionCleanupThread.java:91)\n' +
    sb('The web application [ROOT] registered the JDBC driver [com.mysql.cj.jdbc.Driver] but failed to unregister it when the web application was stopped. To prevent a memory leak, the JDBC Driver has been forcibly unregistered.') +
    '2023-03-23 13:12:50.700  INFO 1 --- [           main] o.s.b.SpringApplication : done\n';
  const r = parseEveryWay(logParser, text);
  assert.equal(r.format, 'spring-boot');
  assert.equal(r.tomcatLeaks.length, 2);
  const [thread, jdbc] = r.tomcatLeaks;
  assert.equal(thread.kind, 'thread');
  assert.equal(thread.method, 'clearReferencesThreads');
  assert.equal(thread.threadName, 'mysql-cj-abandoned-connection-cleanup');
  assert.equal(thread.stack?.length, 3);
  assert.equal(thread.library, 'MySQL Connector/J');
  assert.equal(thread.level, 'WARNING');
  assert.equal(thread.levelText, 'WARN');
  assert.equal(thread.loggerThread, 'main');
  assert.equal(jdbc.kind, 'jdbc-driver');
  assert.equal(jdbc.subject, 'com.mysql.cj.jdbc.Driver');
  assert.equal(jdbc.webapp, 'ROOT');
});

test('the seed write-up lines, mangled as they are', () => {
  const d = readLeakMessage(
    'clearReferencesThreads',
    'WARNING',
    'Web应用程序[xxx]似乎启动了一个名为[client_][generic][T#3]] 的线程,但未能停止它。这很可能会造成内存泄漏。线程的堆栈跟踪:[',
  )!;
  assert.equal(d.kind, 'thread');
  assert.equal(d.webapp, 'xxx');
  assert.equal(d.threadName, '[client_][generic][T#3]');
  assert.equal(d.threadPool, '[client_][generic]');
  assert.equal(d.expectsStack, true);
  assert.equal(d.partial, true);
  const tl = readLeakMessage(
    'checkThreadLocalMapForLeaks',
    'SEVERE',
    'web应用程序[xxx]创建了一个Threocal,其键类型为[java.lang.ThreadLocal](值为[java.lang.ThreadLocal@36b9c3a3]),值类型为[io.netty.util.internal.InternalThreadLocalMap](值为[io.netty.util.internal.InternalThr03),但在停止web应用程序时未能将其删除。线程将随着时间的推移而更新,以尝试避免可能的内存泄漏',
  )!;
  assert.equal(tl.kind, 'threadlocal');
  assert.equal(tl.keyType, 'java.lang.ThreadLocal');
  assert.equal(tl.valueType, 'io.netty.util.internal.InternalThreadLocalMap');
  assert.equal(readLeakMessage('modified', 'INFO', 'Additional JARs have been added'), undefined);
});

test('leaked-thread stack lines', () => {
  assert.deepEqual(readLeakStackLine(' sun.misc.Unsafe.park(Native Method)'), { frame: 'sun.misc.Unsafe.park(Native Method)', last: false });
  assert.deepEqual(readLeakStackLine(' java.lang.Thread.run(Thread.java:748)]'), { frame: 'java.lang.Thread.run(Thread.java:748)', last: true });
  assert.deepEqual(readLeakStackLine(' java.base@17.0.2/java.lang.Thread.sleep(Native Method)'), { frame: 'java.base@17.0.2/java.lang.Thread.sleep(Native Method)', last: false });
  assert.equal(readLeakStackLine('\tat a.B.c(B.java:1)'), undefined);
  assert.equal(readLeakStackLine('23-Mar-2023 13:12:50.640 警告 [x] a.B.c m'), undefined);
});
