// Leak-suspect selection on small dominator trees built by hand: a class loader is not a suspect
// when a class below it (through the loader's `classes` list) holds the memory; a thread is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDominatorTree, computeRetainedSizes } from '../graph/retained.js';
import { findLeakSuspects } from './suspects.js';

const CLASS = 0, LOADER = 1, LIST = 2, ARRAY = 3, MAP = 4, NODE = 5, THREAD = 6, BYTES = 7;

/** nodes: [class index, shallow bytes, immediate dominator (-1 = the super-root)]; the super-root is last. */
function build(nodes: Array<[number, number, number]>) {
  const n = nodes.length;
  const root = n;
  const idom = new Int32Array(n + 1);
  idom[root] = root;
  nodes.forEach(([, , d], v) => (idom[v] = d < 0 ? root : d));
  // Preorder: every node after its dominator (parents are always listed first here).
  const order = Uint32Array.from([root, ...nodes.map((_, v) => v)]);
  const sizes = [...nodes.map(([, s]) => s), 0];
  const retained = computeRetainedSizes(n + 1, { sizeOf: (v) => sizes[v] }, idom, order);
  const tree = buildDominatorTree(n + 1, idom, order);
  const objectClass = Uint16Array.from(nodes.map(([k]) => k));
  return { tree, retained, objectClass, root };
}

const isLoader = (objectClass: Uint16Array) => (o: number) => objectClass[o] === LOADER;

test('a class loader gives way to the class whose static field holds the memory', () => {
  const nodes: Array<[number, number, number]> = [
    [LOADER, 10, -1], // 0
    [LIST, 10, 0], // 1: the loader's `classes`
    [ARRAY, 10, 1], // 2: its elementData
    [CLASS, 10, 2], // 3: class A
    [MAP, 10, 3], // 4: A's static map
  ];
  for (let i = 0; i < 10; i++) nodes.push([NODE, 100, 4]); // 5..14
  nodes.push([CLASS, 10, 2]); // 15: class B, small
  nodes.push([THREAD, 50, -1]); // 16
  nodes.push([BYTES, 300, 16]); // 17: the thread's local
  const { tree, retained, objectClass, root } = build(nodes);
  assert.equal(retained[root], 1410);
  const s = findLeakSuspects(tree, root, retained, objectClass, 0.1, CLASS, isLoader(objectClass));
  assert.equal(s.length, 2, JSON.stringify(s));
  assert.deepEqual(
    { ordinal: s[0].ordinal, retained: s[0].retainedBytes, container: s[0].container, via: s[0].via, acc: s[0].accumulation, children: s[0].accumulationChildren },
    { ordinal: 3, retained: 1020, container: 0, via: 4, acc: 4, children: 10 },
  );
  assert.deepEqual(s[0].spread, { classIndex: NODE, count: 10, bytes: 1000, example: 5 });
  // The thread is not a container: its locals are its own retained set.
  assert.deepEqual({ ordinal: s[1].ordinal, retained: s[1].retainedBytes, container: s[1].container, acc: s[1].accumulation, via: s[1].via }, { ordinal: 16, retained: 350, container: -1, acc: 17, via: 17 });
});

test('a loader whose memory is spread over its classes stays the suspect', () => {
  const nodes: Array<[number, number, number]> = [[LOADER, 10, -1], [LIST, 10, 0], [ARRAY, 10, 1]];
  for (let i = 0; i < 10; i++) nodes.push([CLASS, 100, 2]);
  nodes.push([BYTES, 500, -1]);
  const { tree, retained, objectClass, root } = build(nodes);
  const s = findLeakSuspects(tree, root, retained, objectClass, 0.1, CLASS, isLoader(objectClass));
  assert.deepEqual(s.map((x) => [x.ordinal, x.retainedBytes, x.container]), [[0, 1030, -1], [13, 500, -1]]);
  // Without the container rule the loader is the suspect as well.
  assert.deepEqual(findLeakSuspects(tree, root, retained, objectClass, 0.1, CLASS).map((x) => x.ordinal), [0, 13]);
});

test('a loader keeps being a suspect when what remains after its big class is still big', () => {
  const nodes: Array<[number, number, number]> = [[LOADER, 10, -1], [LIST, 10, 0], [ARRAY, 10, 1], [CLASS, 10, 2], [BYTES, 600, 3]];
  for (let i = 0; i < 10; i++) nodes.push([CLASS, 40, 2]); // 400 spread over small classes
  const { tree, retained, objectClass, root } = build(nodes);
  const s = findLeakSuspects(tree, root, retained, objectClass, 0.1, CLASS, isLoader(objectClass));
  assert.deepEqual(s.map((x) => [x.ordinal, x.retainedBytes, x.container]), [[0, 1040, -1], [3, 610, 0]]);
});
