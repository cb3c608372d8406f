import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identifyLibrary } from './libraries.js';

test('libraries from thread names, types and stacks', () => {
  assert.equal(identifyLibrary({ threadName: 'elasticsearch[_client_][generic][T#3]' }), 'Elasticsearch TransportClient');
  assert.equal(identifyLibrary({ threadName: '[client_][generic][T#3]' }), 'Elasticsearch TransportClient');
  assert.equal(identifyLibrary({ keyType: 'java.lang.ThreadLocal', valueType: 'io.netty.util.internal.InternalThreadLocalMap' }), 'Netty');
  assert.equal(identifyLibrary({ threadName: 'mysql-cj-abandoned-connection-cleanup' }), 'MySQL Connector/J');
  assert.equal(identifyLibrary({ subject: 'com.mysql.cj.jdbc.Driver' }), 'MySQL Connector/J');
  assert.equal(identifyLibrary({ threadName: 'OkHttp ConnectionPool' }), 'OkHttp');
  assert.equal(identifyLibrary({ threadName: 'HikariPool-1 housekeeper' }), 'HikariCP');
  assert.equal(identifyLibrary({ threadName: 'Timer-0' }), 'java.util.Timer');
  assert.equal(identifyLibrary({ threadName: 'x', stack: ['java.lang.Thread.sleep(Native Method)', 'com.zaxxer.hikari.pool.HikariPool$HouseKeeper.run(HikariPool.java:1)'] }), 'HikariCP');
  // JDK and Tomcat frames alone say nothing.
  assert.equal(identifyLibrary({ threadName: 'worker', stack: ['java.util.concurrent.locks.LockSupport.park(LockSupport.java:175)'] }), undefined);
});
