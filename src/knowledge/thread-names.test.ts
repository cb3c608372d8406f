import { test } from 'node:test';
import assert from 'node:assert/strict';
import { poolOf } from './thread-names.js';
import { readLeakMessage } from '../parsers/log/tomcat-leaks.js';

// The names Tomcat's leak warnings carry (formerly grouped by the log parser's own threadPoolOf, which
// cut "pool-2-thread-7" to "pool-2"): one function now, the thread dump's.
test('leaked-thread names and thread-dump names group into the same pools', () => {
  const cases: [string, string][] = [
    ['elasticsearch[_client_][generic][T#3]', 'elasticsearch[_client_][generic]'],
    ['[_client_][generic][T#4]', '[_client_][generic]'],
    ['pool-2-thread-7', 'pool-2-thread-'],
    ['Catalina-utility-1', 'Catalina-utility-'],
    ['http-nio-8080-exec-10', 'http-nio-8080-exec-'],
    ['Worker#3', 'Worker#'],
    ['Timer-0', 'Timer-'],
    ['OkHttp ConnectionPool', 'OkHttp ConnectionPool'],
    ['mysql-cj-abandoned-connection-cleanup', 'mysql-cj-abandoned-connection-cleanup'],
    ['7', '7'],
  ];
  for (const [name, pool] of cases) assert.equal(poolOf(name), pool, name);
  const leak = readLeakMessage(
    'clearReferencesThreads',
    'WARNING',
    'The web application [app] appears to have started a thread named [pool-2-thread-7] but has failed to stop it. This is very likely to create a memory leak. Stack trace of thread:',
  );
  assert.equal(leak?.threadPool, poolOf('pool-2-thread-7'));
});
