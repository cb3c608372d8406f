// `jvmdoctor heap diff <before> <after>`: what grew between two dumps (public JSON shape, as
// `sections.heapDiff` of the report document; extend, never rename).

export interface HeapDiffSide {
  file: string;
  /** When the dump was written (ISO 8601). */
  timestamp: string;
  objects: number;
  reachableBytes: number;
  semantics?: 'mat' | 'strong';
}

export interface ClassDelta {
  className: string;
  instancesBefore: number;
  instancesAfter: number;
  instancesDelta: number;
  shallowBefore: number;
  shallowAfter: number;
  shallowDelta: number;
  retainedBefore: number;
  retainedAfter: number;
  retainedDelta: number;
}

/**
 * Biggest objects (dominators) and accumulation points of one dump matched to the other's by their
 * path from the GC roots — object ids change between dumps, paths do not (array indexes are ignored:
 * a map's bucket moves as it grows). Objects with the same path are one row.
 */
export interface DominatorDelta {
  /** "GC root: system class → class Cache → static field ENTRIES of Cache → java.util.HashMap". */
  path: string;
  className: string;
  kind: 'dominator' | 'accumulation point';
  /** Objects with this path in each dump (0: absent from that dump's biggest objects). */
  countBefore: number;
  countAfter: number;
  retainedBefore: number;
  retainedAfter: number;
  retainedDelta: number;
  /** The after dump's object (for `heap <after> --path`). */
  objectIdAfter?: string;
}

export interface HeapDiff {
  before: HeapDiffSide;
  after: HeapDiffSide;
  reachableDelta: number;
  /** Classes whose instances, shallow or retained bytes changed, biggest retained growth first. */
  classes: ClassDelta[];
  /** How many classes changed (`classes` may be a prefix). */
  changedClasses: number;
  /** Dominators and accumulation points whose retained size grew (or that are new), biggest growth first. */
  grown: DominatorDelta[];
  /** The two dumps were analysed with different semantics: retained sizes are not comparable. */
  warnings: string[];
}
