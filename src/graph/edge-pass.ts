// Pass 2: read the dump again and turn every reference into an edge between ordinals, stored as a
// CSR graph (firstEdge/edgeTarget typed arrays). A virtual super-root (ordinal = objectCount) points
// at every GC root.
//
// Which references are edges (graph/edge-semantics.ts decides, one predicate for dominators,
// retained sizes and paths):
//  - instance fields of reference type, object-array elements, and each object's class (an instance
//    keeps its class — and so its class loader — alive, as in MAT). The class edge is not stored:
//    it is implicit in the object's class index (`classEdges`, see graph/class-edges.ts);
//  - a class: its superclass, class loader, signers, protection domain, static fields (including
//    HotSpot's <resolved_references> pseudo-static) and constant-pool objects;
//  - java.lang.ref.Reference.referent only under the 'mat' semantics (stored as the Reference's first
//    edge and flagged in `referents`, so that paths can leave it out);
//  - Java-frame and JNI-local roots are edges from their thread's object (so a thread retains what
//    its stack holds, as MAT shows "<Java Local>"), and roots of the super-root otherwise.

import type { ClassEdges } from './class-edges.js';
import type { IdIndex } from './id-index.js';
import { SUB, TYPE, typeSize } from '../hprof/constants.js';
import { CLASS_CLASS_INDEX, type HeapIndex } from '../hprof/heap-index.js';
import { readHprof, type ReadOptions } from '../hprof/read-dump.js';
import type { HprofVisitor } from '../hprof/record-parser.js';
import { DEFAULT_SEMANTICS, ReferentEdges, referenceCounts, type HeapSemantics } from './edge-semantics.js';

export interface HeapGraph {
  /** Number of nodes including the super-root. */
  nodeCount: number;
  /** The super-root's ordinal (= number of heap objects). */
  root: number;
  firstEdge: Uint32Array;
  /** Stored references (object → class edges are implicit: `classEdges`). */
  edgeTarget: Uint32Array;
  classEdges: ClassEdges;
  /** References to ids that are not in the dump (skipped). */
  danglingReferences: number;
  /** Thread object id → id of its `name` String. */
  threadNameIds: Map<number, number>;
  /** Nodes whose first stored edge is a Reference.referent (none under 'strong'). */
  referents: ReferentEdges;
}

/**
 * Dump-data offsets of the reference fields of an instance of each class (class first, then supers).
 * With `withReferent`, Reference.referent is included and put first (see `referents`).
 */
export function referenceFieldOffsets(index: HeapIndex, ci: number, withReferent = false): Int32Array {
  const out: number[] = [];
  let referent = -1;
  let offset = 0;
  for (let c = ci, guard = 0; c >= 0 && guard < 10000; c = index.classes[c].superIndex, guard++) {
    const k = index.classes[c];
    const isReference = k.jvmName === 'java/lang/ref/Reference';
    for (const f of k.instanceFields) {
      if (f.type === TYPE.OBJECT) {
        if (isReference && f.name === 'referent') referent = offset;
        else out.push(offset);
      }
      offset += typeSize(f.type, index.idSize);
    }
  }
  if (withReferent && referent >= 0) out.unshift(referent);
  return Int32Array.from(out);
}

/** Offset of Reference.referent in instances of class `ci`, −1 when it is not a Reference. */
function referentOffset(index: HeapIndex, ci: number): number {
  return fieldOffset(index, ci, 'java/lang/ref/Reference', 'referent');
}

export function fieldOffset(index: HeapIndex, ci: number, declaring: string, field: string): number {
  let offset = 0;
  for (let c = ci, guard = 0; c >= 0 && guard < 10000; c = index.classes[c].superIndex, guard++) {
    const k = index.classes[c];
    for (const f of k.instanceFields) {
      if (k.jvmName === declaring && f.name === field) return offset;
      offset += typeSize(f.type, index.idSize);
    }
  }
  return -1;
}

export async function buildHeapGraph(
  path: string,
  index: HeapIndex,
  ids: IdIndex,
  opts: ReadOptions & { semantics?: HeapSemantics } = {},
): Promise<HeapGraph> {
  const n = index.objectCount;
  const root = n;
  const idSize = index.idSize;
  const firstEdge = new Uint32Array(n + 2);
  let dangling = 0;
  let ordinal = 0;
  const classes = index.classes;
  const objectClass = index.objectClass;
  const withReferent = referenceCounts('referent', 'dominators', opts.semantics ?? DEFAULT_SEMANTICS);
  const refOffsets: Int32Array[] = classes.map((k) => referenceFieldOffsets(index, k.index, withReferent));
  // Classes whose first reference offset is the referent (so the stored edge gets flagged).
  const referentFirst = new Uint8Array(classes.length);
  if (withReferent) for (const k of classes) if (k.kind === 0 && referentOffset(index, k.index) >= 0) referentFirst[k.index] = 1;
  const referents = new ReferentEdges(n + 1);
  const classOrdinal = new Int32Array(classes.length).fill(-1);
  for (const k of classes) if (k.classId !== 0) classOrdinal[k.index] = ids.ordinalOf(k.classId);

  // Thread-local roots become edges of their thread object.
  const threadBySerial = new Map<number, number>();
  for (const t of index.threads) threadBySerial.set(t.threadSerial, t.id);
  const localsOfThread = new Map<number, number[]>();
  const rootTargets: number[] = [];
  const rootMark = new Uint8Array(n);
  for (let r = 0; r < index.rootKind.length; r++) {
    const kind = index.rootKind[r];
    const o = ids.ordinalOf(index.rootId[r]);
    if (o < 0) continue;
    const threadId = (kind === SUB.ROOT_JAVA_FRAME || kind === SUB.ROOT_JNI_LOCAL) ? threadBySerial.get(index.rootThreadSerial[r]) : undefined;
    if (threadId !== undefined && ids.ordinalOf(threadId) >= 0) {
      let list = localsOfThread.get(threadId);
      if (!list) localsOfThread.set(threadId, (list = []));
      list.push(o);
    } else if (!rootMark[o]) {
      rootMark[o] = 1;
      rootTargets.push(o);
    }
  }
  // A local held by a thread that is itself not otherwise a root still needs the thread reachable.
  for (const t of index.threads) {
    const o = ids.ordinalOf(t.id);
    if (o >= 0 && !rootMark[o]) {
      rootMark[o] = 1;
      rootTargets.push(o);
    }
  }

  // One exact-enough allocation instead of growing: every reference slot (class edge, reference
  // fields, array elements, statics) bounds the edge count; null slots leave a little unused.
  let slots = rootTargets.length;
  for (const list of localsOfThread.values()) slots += list.length;
  {
    const cls = index.objectClass;
    const aux = index.objectAux;
    const perClass = new Float64Array(classes.length);
    for (const k of classes) {
      perClass[k.index] = refOffsets[k.index].length;
    }
    for (let o = 0; o < n; o++) {
      const ci = cls[o];
      const k = classes[ci];
      if (k.kind === 1) slots += aux[o];
      else if (k.kind === 2) continue;
      else if (ci === 0 && aux[o] > 0) {
        const m = classes[aux[o] - 1];
        slots += 4 + m.staticFields.length + m.constantPoolRefs.length;
      } else slots += perClass[ci];
    }
  }
  // At least 2 × (n + 2) so that the dominator computation can reuse this buffer for two per-node
  // arrays (pages beyond the edges are only touched then).
  const edgeBuffer = new Uint32Array(Math.max(slots, 2 * (n + 2)));
  let edgeCount = 0;

  // Thread names: the `name` field of each thread object (roots are listed after the objects in
  // HotSpot dumps, so this cannot be done in pass 1).
  const threadIds = new Set(index.threads.map((t) => t.id));
  const threadNameIds = new Map<number, number>();
  const threadNameOffset = new Int32Array(classes.length).fill(-2);

  const readId = (buf: Buffer, p: number) =>
    idSize === 4 ? buf.readUInt32BE(p) : buf.readUInt32BE(p) * 4294967296 + buf.readUInt32BE(p + 4);
  const addRef = (id: number) => {
    if (id === 0) return;
    const o = ids.ordinalOf(id);
    if (o < 0) dangling++;
    else edgeBuffer[edgeCount++] = (o);
  };

  const visitor: HprofVisitor = {
    classDump(c) {
      firstEdge[ordinal] = edgeCount;
      addRef(c.superId);
      addRef(c.loaderId);
      addRef(c.signersId);
      addRef(c.protectionDomainId);
      for (const f of c.staticFields) if (f.type === TYPE.OBJECT) addRef(f.objectValue);
      for (const r of c.constantPoolRefs) addRef(r);
      ordinal++;
    },
    instance(id, _classId, buf, start) {
      if (ordinal >= n) return;
      firstEdge[ordinal] = edgeCount;
      const ci = objectClass[ordinal];
      const offs = refOffsets[ci];
      if (referentFirst[ci] === 1) {
        const before = edgeCount;
        addRef(readId(buf, start + offs[0]));
        if (edgeCount > before) referents.mark(ordinal);
      }
      for (let f = referentFirst[ci]; f < offs.length; f++) {
        const p = start + offs[f];
        const target = idSize === 4 ? buf.readUInt32BE(p) : buf.readUInt32BE(p) * 4294967296 + buf.readUInt32BE(p + 4);
        if (target !== 0) {
          const o = ids.ordinalOf(target);
          if (o < 0) dangling++;
          else edgeBuffer[edgeCount++] = (o);
        }
      }
      if (localsOfThread.size > 0) {
        const locals = localsOfThread.get(id);
        if (locals) for (const o of locals) edgeBuffer[edgeCount++] = (o);
      }
      if (threadNameOffset[ci] !== -1 && threadIds.has(id)) {
        if (threadNameOffset[ci] === -2) threadNameOffset[ci] = fieldOffset(index, ci, 'java/lang/Thread', 'name');
        if (threadNameOffset[ci] >= 0) {
          const nameId = readId(buf, start + threadNameOffset[ci]);
          if (nameId !== 0) threadNameIds.set(id, nameId);
        }
      }
      ordinal++;
    },
    objArray(_id, _classId, _length) {
      if (ordinal >= n) return false;
      firstEdge[ordinal] = edgeCount;
      ordinal++;
      return true;
    },
    objArrayElements(buf, start, count) {
      if (idSize === 8) {
        for (let i = 0, p = start; i < count; i++, p += 8) {
          const target = buf.readUInt32BE(p) * 4294967296 + buf.readUInt32BE(p + 4);
          if (target !== 0) {
            const o = ids.ordinalOf(target);
            if (o < 0) dangling++;
            else edgeBuffer[edgeCount++] = (o);
          }
        }
      } else {
        for (let i = 0, p = start; i < count; i++, p += 4) {
          const target = buf.readUInt32BE(p);
          if (target !== 0) {
            const o = ids.ordinalOf(target);
            if (o < 0) dangling++;
            else edgeBuffer[edgeCount++] = (o);
          }
        }
      }
    },
    primArray() {
      if (ordinal >= n) return false;
      firstEdge[ordinal] = edgeCount;
      ordinal++;
      return false;
    },
  };
  await readHprof(path, visitor, { ...opts, phase: opts.phase ?? 'Reading references' });
  // Objects the second read did not reach (cannot happen unless the file changed) get no edges.
  for (let o = ordinal; o < n; o++) firstEdge[o] = edgeCount;
  firstEdge[root] = edgeCount;
  for (const o of rootTargets) edgeBuffer[edgeCount++] = (o);
  firstEdge[root + 1] = edgeCount;
  // (Writes past the bound are dropped by the typed array; only a file changed between passes could do that.)
  edgeCount = Math.min(edgeCount, slots);
  for (let o = 0; o < n + 2; o++) if (firstEdge[o] > edgeCount) firstEdge[o] = edgeCount;
  const edgeTarget = edgeBuffer.subarray(0, edgeCount);
  const classEdges: ClassEdges = { nodeClass: objectClass, nodeAux: index.objectAux, mirrorClass: CLASS_CLASS_INDEX, classTarget: classOrdinal };
  return { nodeCount: n + 1, root, firstEdge, edgeTarget, classEdges, danglingReferences: dangling, threadNameIds, referents };
}
