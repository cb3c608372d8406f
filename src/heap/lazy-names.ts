// Names for a kept heap model (store.ts): the ones the build's naming pass computed are stored with
// it; any other reference (the path of an object asked for later) is named from the parent's record
// alone, read at its offset in a plain dump (record-offsets.ts) — a few hundred bytes per step, not
// a pass over the dump. A gzip dump has no random access: there the missing names cost one
// sequential naming pass (naming-pass.ts).

import { closeSync, openSync, readSync } from 'node:fs';
import { SUB } from '../hprof/constants.js';
import { CLASS_CLASS_INDEX, ClassKind } from '../hprof/heap-index.js';
import type { ProgressSink } from '../util/progress.js';
import type { FieldValues } from './field-values.js';
import { arrayClassLabel, arrayElementLabel, classReferenceLabel, instanceReferenceLabel } from './labels.js';
import type { HeapModel } from './model.js';
import { nameReferences } from './naming-pass.js';
import type { StoredNames } from './store.js';
import type { HeapNames } from './wording.js';

export class ModelNames implements HeapNames {
  private readonly labels = new Map<string, string>();
  private readonly threads: Map<number, string>;
  readonly loaderFields: FieldValues;
  readonly systemProperties?: Record<string, string>;

  constructor(private readonly m: HeapModel, stored: StoredNames) {
    for (const [p, c, l] of stored.labels) this.labels.set(`${p}:${c}`, l);
    this.threads = new Map(stored.threadNames);
    this.loaderFields = new Map(stored.loaderFields.map(([o, vs]) => [o, new Map(vs)]));
    if (stored.systemProperties) this.systemProperties = stored.systemProperties;
  }

  label(parent: number, childId: number): string | undefined {
    return this.labels.get(`${parent}:${childId}`);
  }

  threadName(threadId: number): string | undefined {
    return this.threads.get(threadId);
  }

  /** Names every reference in `edges` (parent ordinal → child ids) not named yet. */
  async ensure(edges: Map<number, number[]>, progress?: ProgressSink): Promise<void> {
    const missing = new Map<number, number[]>();
    for (const [p, ids] of edges) {
      const left = ids.filter((c) => !this.labels.has(`${p}:${c}`));
      if (left.length > 0) missing.set(p, left);
    }
    if (missing.size === 0) return;
    const m = this.m;
    // Class objects are named from the class dump kept in the model: no read at all.
    for (const [p, ids] of [...missing]) {
      if (m.index.objectClass[p] !== CLASS_CLASS_INDEX || m.index.objectAux[p] === 0) continue;
      const k = m.index.classes[m.index.objectAux[p] - 1];
      for (const c of ids) this.labels.set(`${p}:${c}`, classReferenceLabel(m.index.classes, k, c));
      missing.delete(p);
    }
    if (missing.size === 0) return;
    if (m.offsets && !m.index.gzip) {
      const fd = openSync(m.file, 'r');
      try {
        for (const [p, ids] of missing) {
          const got = this.fromRecord(fd, p, ids);
          if (got) missing.delete(p);
        }
      } finally {
        closeSync(fd);
      }
    }
    if (missing.size === 0) return;
    const named = await nameReferences(m.file, m.index, { edges: missing, strings: new Set() }, { progress, phase: 'Naming references' });
    for (const [k, v] of named.labels) this.labels.set(k, v);
  }

  /** Names the references of object `p` from its record; false when the record is not where expected. */
  private fromRecord(fd: number, p: number, ids: number[]): boolean {
    const m = this.m;
    const idSize = m.index.idSize;
    const at = m.offsets!.offsetOf(p);
    const ci = m.index.objectClass[p];
    const k = m.index.classes[ci];
    const readId = (b: Buffer, q: number) => (idSize === 4 ? b.readUInt32BE(q) : b.readUInt32BE(q) * 4294967296 + b.readUInt32BE(q + 4));
    const read = (bytes: number, position: number) => {
      const b = Buffer.allocUnsafe(bytes);
      let got = 0;
      while (got < bytes) {
        const r = readSync(fd, b, got, bytes - got, position + got);
        if (r === 0) break;
        got += r;
      }
      return got === bytes ? b : undefined;
    };
    const objectId = m.index.objectIds.idOf(p);
    if (k.kind === ClassKind.ObjectArray) {
      const headBytes = 1 + idSize + 4 + 4 + idSize;
      const head = read(headBytes, at);
      if (!head || head[0] !== SUB.OBJ_ARRAY_DUMP || readId(head, 1) !== objectId) return false;
      const length = head.readUInt32BE(1 + idSize + 4);
      const body = read(length * idSize, at + headBytes);
      if (!body) return false;
      const want = new Set(ids);
      for (let i = 0; i < length && want.size > 0; i++) {
        const v = readId(body, i * idSize);
        if (want.has(v)) {
          this.labels.set(`${p}:${v}`, arrayElementLabel(k, i));
          want.delete(v);
        }
      }
      for (const c of want) this.labels.set(`${p}:${c}`, c === k.classId ? arrayClassLabel(k) : '?');
      return true;
    }
    if (k.kind !== ClassKind.Instance) return false;
    const headBytes = 1 + idSize + 4 + idSize + 4;
    const head = read(headBytes, at);
    if (!head || head[0] !== SUB.INSTANCE_DUMP || readId(head, 1) !== objectId) return false;
    const length = head.readUInt32BE(headBytes - 4);
    const data = read(length, at + headBytes);
    if (!data) return false;
    const isThread = m.index.threads.some((t) => t.id === objectId);
    for (const c of ids) this.labels.set(`${p}:${c}`, instanceReferenceLabel(m.index, ci, data, 0, length, c, isThread));
    return true;
  }
}
