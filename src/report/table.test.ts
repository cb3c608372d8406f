import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayWidth, formatCell, renderMarkdownTable, renderTable } from './table.js';
import type { Table } from '../model/document.js';

const MB = 1024 * 1024;

test('cells are drawn from numbers in their column\'s unit; bars on the column\'s own scale', () => {
  assert.equal(formatCell({ label: 'Size', type: 'bytes' }, 794 * MB), '794 MB');
  assert.equal(formatCell({ label: 'n', type: 'count' }, 1234567), '1,234,567');
  assert.equal(formatCell({ label: 'p', type: 'percent' }, 12.345), '12.3 %');
  assert.equal(formatCell({ label: 'd', type: 'duration' }, 1500), '1.5 s');
  assert.equal(formatCell({ label: 'd', type: 'duration' }, 12), '12 ms');
  assert.equal(formatCell({ label: 'x', type: 'bytes' }, null), '');
  const t: Table = {
    columns: [{ label: 'Area', type: 'text' }, { label: 'Size', type: 'bytes' }, { label: 'Share', type: 'bytes', bar: true }],
    rows: [['heap', 4096 * MB, 4096 * MB], ['metaspace', 1024 * MB, 1024 * MB], ['none', 0, 0]],
  };
  const lines = renderTable(t);
  assert.deepEqual(lines, [
    'Area       Size  Share',
    '─────────  ────  ────────────────────────',
    'heap       4 GB  ████████████████████████',
    'metaspace  1 GB  ██████',
    'none        0 B',
  ]);
  assert.deepEqual(renderMarkdownTable(t).slice(2), ['| heap | 4 GB | ████████████████████████ |', '| metaspace | 1 GB | ██████ |', '| none | 0 B |  |']);
});

test('CJK text takes two columns, so the table still lines up', () => {
  assert.equal(displayWidth('警告'), 4);
  const lines = renderTable({ columns: [{ label: 'Level', type: 'text' }, { label: 'Count', type: 'count' }], rows: [['警告', 5], ['SEVERE', 12]] });
  assert.deepEqual(lines.slice(2), ['警告        5', 'SEVERE     12']);
});

test('a prefix of a longer list says how many rows were left out', () => {
  const lines = renderTable({ columns: [{ label: 'Class', type: 'text' }], rows: [['a']], totalRows: 3812 });
  assert.equal(lines[lines.length - 1], '… 3811 more');
});
