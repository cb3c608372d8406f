// `heap DUMP --children X` as text: one page of dominator-tree children (the JSON is ChildrenPage).

import { formatBytes } from '../util/bytes.js';
import type { ChildrenPage } from './queries.js';

const pad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

export function renderChildren(p: ChildrenPage): string {
  const out: string[] = [];
  const shown = p.rows.length === 0 ? 'none shown' : `${p.offset + 1}–${p.offset + p.rows.length}`;
  out.push(`${p.objectId === 'root' ? 'Top of the dominator tree' : `${p.className} ${p.objectId}`} retains ${formatBytes(p.retainedBytes)}; ${p.total.toLocaleString('en-US')} immediate children in the dominator tree (${shown}, biggest first)`);
  if (p.rows.length > 0) {
    out.push(`  ${pad('retained', 12)}  ${pad('shallow', 10)}  ${pad('% heap', 7)}  ${pad('children', 9)}  object`);
    for (const r of p.rows) {
      out.push(`  ${pad(formatBytes(r.retainedBytes), 12)}  ${pad(formatBytes(r.shallowBytes), 10)}  ${pad(r.percentOfHeap.toFixed(2), 7)}  ${pad(r.children.toLocaleString('en-US'), 9)}  ${r.className} ${r.objectId}`);
    }
  }
  if (p.offset + p.rows.length < p.total) out.push(`  … ${(p.total - p.offset - p.rows.length).toLocaleString('en-US')} more (--offset ${p.offset + p.rows.length})`);
  return out.join('\n') + '\n';
}
