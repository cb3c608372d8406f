import { test } from 'node:test';
import assert from 'node:assert/strict';
import { threadPoolOf } from './thread-pools.js';

test('pools drop the per-thread counter', () => {
  const cases: [string, string][] = [
    ['elasticsearch[_client_][generic][T#3]', 'elasticsearch[_client_][generic]'],
    ['[_client_][generic][T#4]', '[_client_][generic]'],
    ['pool-2-thread-7', 'pool-2'],
    ['Catalina-utility-1', 'Catalina-utility'],
    ['http-nio-8080-exec-10', 'http-nio-8080-exec'],
    ['Worker#3', 'Worker'],
    ['Timer-0', 'Timer'],
    ['OkHttp ConnectionPool', 'OkHttp ConnectionPool'],
    ['mysql-cj-abandoned-connection-cleanup', 'mysql-cj-abandoned-connection-cleanup'],
    ['7', '7'],
  ];
  for (const [name, pool] of cases) assert.equal(threadPoolOf(name), pool, name);
});
