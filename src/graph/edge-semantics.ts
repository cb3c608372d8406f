// Which references count — the one predicate behind the dominator tree, retained sizes and paths.
//
// Eclipse MAT's parser (HprofParserHandlerImpl.prepareHeapObject) adds *every* reference field of an
// instance to its outbound references, `java.lang.ref.Reference.referent` included, and its
// GarbageCleaner and DominatorTree run over those outbound references: in MAT an object held only by
// a SoftReference is reachable and retained by whoever holds the Reference. Only MAT's path queries
// ("path to GC roots excluding weak/soft references") leave referents out. So:
//   - 'mat' (the default): dominators and retained sizes follow referents; paths do not;
//   - 'strong': referents are followed by nothing — what a GC that clears every Reference would free.
// Thread-local roots are references of their thread in both (as MAT does: addGCRoot with a referrer
// does not make the object a root).
//
// A referent edge, when stored, is the first stored edge of its Reference object and the object's
// bit is set in `ReferentEdges` — so a path query can skip it without a per-edge flag. Paths prefer
// strong references; an object only a referent keeps gets its path through it (graph/paths.ts).

export type HeapSemantics = 'mat' | 'strong';
export const HEAP_SEMANTICS: readonly HeapSemantics[] = ['mat', 'strong'];
export const DEFAULT_SEMANTICS: HeapSemantics = 'mat';

export type ReferenceKind = 'strong' | 'referent';
export type EdgeUse = 'dominators' | 'paths';

/** Does a reference of this kind count for this use under these semantics? */
export function referenceCounts(kind: ReferenceKind, use: EdgeUse, semantics: HeapSemantics): boolean {
  if (kind === 'strong') return true;
  return use === 'dominators' && semantics === 'mat';
}

/** One bit per node: its first stored edge is a Reference.referent. */
export class ReferentEdges {
  readonly bits: Uint32Array;
  count = 0;
  constructor(nodeCount: number, bits?: Uint32Array) {
    this.bits = bits ?? new Uint32Array((nodeCount >>> 5) + 1);
    if (bits) for (const w of bits) this.count += popcount(w);
  }
  mark(v: number): void {
    this.bits[v >>> 5] |= 1 << (v & 31);
    this.count++;
  }
  has(v: number): boolean {
    return (this.bits[v >>> 5] & (1 << (v & 31))) !== 0;
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
