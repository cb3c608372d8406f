// The waste part of a heap section (`waste`, src/heap/waste.ts) as typed tables, shared by the text,
// Markdown and HTML renderers.

import { formatBytes } from '../util/bytes.js';
import type { Table } from '../model/document.js';
import type { HeapWaste, WasteOwner } from '../model/heap-report.js';

const owners = (os: WasteOwner[]) => os.slice(0, 2).map((o) => `${o.field} (${o.count.toLocaleString('en-US')})`).join('; ');

export function wasteTables(w: HeapWaste, rows = 10): Table[] {
  const out: Table[] = [];
  const d = w.duplicateStrings;
  if (d.top.length) out.push({
    title: `Duplicate strings: ${d.strings.toLocaleString('en-US')} strings with ${d.distinct.toLocaleString('en-US')} repeated contents waste ${formatBytes(d.wastedBytes)}`,
    columns: [{ label: 'Wasted', type: 'bytes', key: 'wastedBytes' }, { label: 'Copies', type: 'count', key: 'count' }, { label: 'Length', type: 'count', key: 'length' }, { label: 'Content', type: 'text', key: 'text' }, { label: 'Held by', type: 'text', key: 'owners' }],
    rows: d.top.slice(0, rows).map((x) => [x.wastedBytes, x.count, x.length, JSON.stringify(x.text), owners(x.owners)]),
    totalRows: d.distinct,
  });
  if (w.collections.length) out.push({
    title: 'Empty and sparse collections (backing array allocated, < 25 % used)',
    columns: [{ label: 'Wasted', type: 'bytes', key: 'wastedBytes' }, { label: 'Class', type: 'text', key: 'className' }, { label: 'Instances', type: 'count', key: 'instances' }, { label: 'Empty', type: 'count', key: 'empty' }, { label: 'Sparse', type: 'count', key: 'sparse' }, { label: 'Fill', type: 'percent', key: 'fillRatio' }, { label: 'Held by', type: 'text', key: 'owners' }],
    rows: w.collections.slice(0, rows).map((c) => [c.wastedBytes, c.className, c.instances, c.empty, c.sparse, 100 * c.fillRatio, owners(c.owners)]),
  });
  const boxed = w.boxed.filter((b) => b.instances > 0);
  if (boxed.length) out.push({
    title: 'Boxed primitives',
    columns: [{ label: 'Wasted', type: 'bytes', key: 'wastedBytes' }, { label: 'Class', type: 'text', key: 'className' }, { label: 'Instances', type: 'count', key: 'instances' }, { label: 'In collections', type: 'count', key: 'inCollections' }],
    rows: boxed.slice(0, rows).map((b) => [b.wastedBytes, b.className, b.instances, b.inCollections]),
  });
  if (w.zeroArrays.arrays) out.push({
    title: `Primitive arrays ≥ 1 KB that are ≥ 90 % zero: ${w.zeroArrays.arrays.toLocaleString('en-US')} (${formatBytes(w.zeroArrays.bytes)})`,
    columns: [{ label: 'Bytes', type: 'bytes' }, { label: 'Class', type: 'text' }, { label: 'Arrays', type: 'count' }, { label: 'Held by', type: 'text' }],
    rows: w.zeroArrays.byClass.slice(0, rows).map((z) => [z.bytes, z.className, z.arrays, owners(z.owners)]),
  });
  const b = w.directBuffers;
  if (b.reachable || b.unreachable) out.push({
    title: `Direct buffers: ${b.reachable.toLocaleString('en-US')} reachable hold ${formatBytes(b.capacityBytes)} of native memory; ${b.unreachable.toLocaleString('en-US')} unreachable (${formatBytes(b.unreachableCapacityBytes)}) wait for a GC`,
    columns: [{ label: 'Native', type: 'bytes' }, { label: 'Buffers', type: 'count' }, { label: 'Held by', type: 'text' }],
    rows: b.owners.map((o) => [o.bytes, o.count, o.field]),
  });
  out.push({
    title: 'By package',
    columns: [{ label: 'Shallow', type: 'bytes' }, { label: 'Retained', type: 'bytes' }, { label: 'Instances', type: 'count' }, { label: 'Classes', type: 'count' }, { label: 'Package', type: 'text' }],
    rows: w.byPackage.slice(0, rows).map((g) => [g.shallowBytes, g.retainedBytes, g.instances, g.classes, g.name]),
  }, {
    title: 'By class loader (instances of the classes each loader defined)',
    columns: [{ label: 'Shallow', type: 'bytes' }, { label: 'Retained', type: 'bytes' }, { label: 'Instances', type: 'count' }, { label: 'Classes', type: 'count' }, { label: 'Loader', type: 'text' }],
    rows: w.byClassLoader.slice(0, rows).map((g) => [g.shallowBytes, g.retainedBytes, g.instances, g.classes, g.name]),
  });
  return out;
}
