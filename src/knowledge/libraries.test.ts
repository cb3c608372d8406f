import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identifyLibrary, LIBRARIES } from './libraries.js';

const name = (e: Parameters<typeof identifyLibrary>[0]) => identifyLibrary(e)?.name;

test('libraries from thread names, types and stacks', () => {
  assert.equal(name({ threadName: 'elasticsearch[_client_][generic][T#3]' }), 'Elasticsearch TransportClient');
  assert.equal(name({ threadName: '[client_][generic][T#3]' }), 'Elasticsearch TransportClient');
  assert.equal(name({ types: ['java.lang.ThreadLocal', 'io.netty.util.internal.InternalThreadLocalMap'] }), 'Netty (FastThreadLocal / event loops)');
  assert.equal(name({ threadName: 'mysql-cj-abandoned-connection-cleanup' }), 'MySQL Connector/J');
  assert.equal(name({ types: ['com.mysql.cj.jdbc.Driver'] }), 'MySQL Connector/J');
  assert.equal(name({ types: ['org.postgresql.Driver'] }), 'PostgreSQL JDBC');
  assert.equal(name({ threadName: 'OkHttp ConnectionPool' }), 'OkHttp');
  assert.equal(name({ threadName: 'HikariPool-1 housekeeper' }), 'HikariCP');
  assert.equal(name({ threadName: 'Timer-0' }), 'java.util.Timer');
  assert.equal(name({ threadName: 'x', frames: ['java.util.TimerThread.mainLoop(Timer.java:552)'] }), 'java.util.Timer');
  assert.equal(name({ threadName: 'x', frames: ['java.lang.Thread.sleep(Native Method)', 'app//com.zaxxer.hikari.pool.HikariPool$HouseKeeper.run(HikariPool.java:1)'] }), 'HikariCP');
  assert.equal(name({ threadName: 'pool-3-thread-1', frames: ['io.netty.channel.nio.NioEventLoop.run(NioEventLoop.java:1)'] }), 'Netty (FastThreadLocal / event loops)');
  assert.equal(name({ threadName: 'pool-3-thread-1' }), 'an unnamed ExecutorService');
  assert.equal(name({ threadName: 'Keep-Alive-Timer' }), 'JDK HttpURLConnection keep-alive');
  // JDK and Tomcat frames alone say nothing.
  assert.equal(name({ threadName: 'worker', frames: ['java.util.concurrent.locks.LockSupport.park(LockSupport.java:175)'] }), undefined);
});

test('every library has an id, a way to be recognised and a fix', () => {
  const ids = new Set<string>();
  for (const l of LIBRARIES) {
    assert.ok(!ids.has(l.id), l.id);
    ids.add(l.id);
    assert.ok(l.thread || l.frame || l.type, l.id);
    assert.ok(l.fix.length > 20, l.id);
  }
});
