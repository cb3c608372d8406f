import { test } from 'node:test';
import assert from 'node:assert/strict';
import { balance, bracketArgs } from './bracket-args.js';

const values = (msg: string) => bracketArgs(msg).map((a) => a.value);

test('arguments with nested brackets stay whole', () => {
  const msg = 'The web application [ROOT] appears to have started a thread named [elasticsearch[_client_][generic][T#3]] but has failed to stop it.';
  assert.deepEqual(values(msg), ['ROOT', 'elasticsearch[_client_][generic][T#3]']);
  assert.deepEqual(bracketArgs(msg).map((a) => a.broken), [false, false]);
});

test('the seed write-up mangled lines are read as far as they can be', () => {
  // The start of "elasticsearch[_" was lost; the stray "]" is absorbed and the name re-balanced.
  const a = bracketArgs('Web应用程序[xxx]似乎启动了一个名为[client_][generic][T#3]] 的线程,但未能停止它。这很可能会造成内存泄漏。线程的堆栈跟踪:[');
  assert.deepEqual(a.map((x) => x.value), ['xxx', '[client_][generic][T#3]', '']);
  assert.deepEqual(a.map((x) => x.broken), [false, true, true]);
  assert.deepEqual(values('名为[[_client_][generic][T#4]] 的线程'), ['[_client_][generic][T#4]']);
  // zh_CN checkThreadLocalsForLeaks lacks the "]" after {4}; mangled copies cut values short.
  assert.deepEqual(
    values('web应用程序[xxx]创建了一个Thre型为[java.lang.ThreadLocal](值为[java.lang.ThreadLocal@36b9c3a3]),值类型为[io.netty.util.internal.InternalThreadLocalMap](值为[io.netty.util.internal.InternalThreadLocalMap@web应用程序时未能将其删除。'),
    ['xxx', 'java.lang.ThreadLocal', 'java.lang.ThreadLocal@36b9c3a3', 'io.netty.util.internal.InternalThreadLocalMap', 'io.netty.util.internal.InternalThreadLocalMap@web'],
  );
  assert.deepEqual(values('值为[io.netty.util.internal.InternalThr03),但在停止'), ['io.netty.util.internal.InternalThr03']);
  assert.deepEqual(values('（值为[io.netty.util.internal.InternalThreadLocalMap@5a1b），但在停止web应用程序时'), ['io.netty.util.internal.InternalThreadLocalMap@5a1b']);
});

test('balance', () => {
  assert.equal(balance('a]b'), '[a]b');
  assert.equal(balance('a[b'), 'a[b]');
  assert.equal(balance('[a]'), '[a]');
  assert.deepEqual(values('no args here'), []);
});
