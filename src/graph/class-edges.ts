// Every heap object references its class (an instance keeps its class, and so its class loader,
// alive — as in Eclipse MAT). Storing that edge would cost one 4-byte slot per object in the forward
// graph and another in the predecessor lists (≈ 200 MB on a 25 M-object dump), although it is fully
// determined by the object's class index. So the graph keeps it implicit: the class edge of node v is
// `classTarget[nodeClass[v]]`, visited before v's stored edges (where pass 2 used to store it).

export interface ClassEdges {
  /** Class index per object node; nodes ≥ nodeClass.length (the super-root) have no class edge. */
  nodeClass: Uint16Array | Uint32Array;
  /** Per object: for class mirrors (`nodeClass === mirrorClass`) a value > 0 marks the mirror. */
  nodeAux: Uint32Array;
  /** The class index of java.lang.Class: its rows with nodeAux > 0 are class mirrors (no class edge). */
  mirrorClass: number;
  /** Class index → node of the class object, or -1 when the dump has no such object. */
  classTarget: Int32Array;
}

/** The implicit class-edge target of node v, or -1. */
export function classEdgeOf(c: ClassEdges, v: number): number {
  if (v >= c.nodeClass.length) return -1;
  const k = c.nodeClass[v];
  if (k === c.mirrorClass && c.nodeAux[v] > 0) return -1;
  return c.classTarget[k];
}
