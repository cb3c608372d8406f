// The JSON document `jvmdoctor heap --json` prints (schemaVersion 1): the contract, plus a
// few added fields (marked "added"). Other parts of jvmdoctor (diagnose, reports) read only this.

/** One class in the histogram. */
export interface HistogramRow {
  className: string;
  instances: number;
  shallowBytes: number;
  /**
   * Bytes freed if every instance of the class were gone: the sum of the retained sizes of its
   * instances that are not dominated by another instance of the same class (MAT's definition).
   */
  retainedBytes: number;
}

export interface PathStep {
  objectId: string;
  className: string;
  /**
   * How the previous step refers to this object ("ArrayList.elementData", "Object[][123]",
   * "static field ORDERS of BigGraph"); for the first step, the kind of GC root ("GC root: thread").
   */
  field: string;
  /** added: on the first step, when the GC root is a thread, the thread's name (JDK 8's char[] names too). */
  threadName?: string;
}

export interface HeapSummary {
  file: string;
  fileBytes: number;
  idSize: number;
  /** Heap objects in the dump, class objects included. */
  objects: number;
  /** Classes with a class dump record. */
  classes: number;
  /** GC root records by kind ("Java frame": 12, "system class": 480…). */
  gcRoots: Record<string, number>;
  /** Sum of shallow sizes of every object in the dump. */
  shallowBytes: number;
  /** Sum of shallow sizes of the objects reachable from GC roots (over the references `semantics` counts). */
  reachableBytes: number;
  unreachableObjects: number;
  compressedOops: boolean;
  /** added */
  compressedClassPointers: boolean;
  /** added: bytes of the unreachable objects (they would be collected). */
  unreachableBytes: number;
  /** added: when the dump was written (ISO 8601), from the HPROF header. */
  timestamp: string;
  /** added: "JAVA PROFILE 1.0.2". */
  format: string;
  /** added */
  gzip: boolean;
  /** added: references to ids absent from the dump (ignored). */
  danglingReferences: number;
  /** added: problems with the input (truncation…); the analysis covers what could be read. */
  warnings: string[];
  /**
   * added: which references the dominator tree and retained sizes follow — "mat" (default: as Eclipse
   * MAT, Reference.referent included) or "strong" (`--semantics strong`: strong references only).
   * Absent only in reports made before it existed.
   */
  semantics?: 'mat' | 'strong';
  /** added: the semantics in words, for every rendering. */
  semanticsNote?: string;
  /** added: objects (and their shallow bytes) that only a Reference.referent keeps ("mat": counted as reachable). */
  referentOnlyObjects?: number;
  referentOnlyBytes?: number;
  /** added: JVM system properties, when the dump contains them (HotSpot dumps do not). */
  systemProperties?: Record<string, string>;
}

export interface DominatorEntry {
  objectId: string;
  className: string;
  shallowBytes: number;
  retainedBytes: number;
  /** From a GC root down to this object. */
  pathToRoot: PathStep[];
  /** added: the path as one line ("static field ORDERS of BigGraph → ArrayList.elementData → Object[][123]"). */
  path: string;
}

export interface LeakSuspect {
  title: string;
  objectId: string;
  className: string;
  retainedBytes: number;
  percentOfHeap: number;
  description: string;
  /** added: instances in a group suspect (1 for a single object). */
  instances: number;
  /** added: the object where the retained memory piles up, below the suspect in the dominator tree. */
  accumulationPoint?: { objectId: string; className: string; retainedBytes: number; dominatedObjects: number };
  /** added */
  pathToRoot: PathStep[];
  /** added */
  path: string;
  /** added: the class loader (or thread group) the suspect was found below, when it was. */
  container?: { objectId: string; className: string };
  /** added: for a class object, the class name of its defining loader ("<system class loader>" for the boot loader). */
  loadedBy?: string;
  /** added: for a class object, the static field that holds the memory ("static field ENTRIES of QuoteCache"). */
  field?: string;
  /** added: at the accumulation point, the class whose many instances hold most of the memory. */
  spread?: { className: string; instances: number; retainedBytes: number; examplePath: string };
}

/** added: a class loader (every Tomcat webapp loader, and the biggest others that defined classes). */
export interface ClassLoaderEntry {
  className: string;
  objectId: string;
  retainedBytes: number;
  /** Classes in the dump whose defining loader this is. */
  definedClasses: number;
  /** Tomcat webapp loaders: the LifecycleState constant ("STARTED", "DESTROYED"), or "started"/"stopped" (Tomcat 7). */
  state?: string;
  /** Tomcat webapp loaders: true when Tomcat has stopped it (so it should have been collected). */
  stopped?: boolean;
  /** From a GC root down to the loader: what keeps it alive. */
  pathToRoot: PathStep[];
  path: string;
  /** The name of the thread at the root of the path, when a thread holds it. */
  thread?: string;
}

export interface ThreadEntry {
  name: string;
  objectId: string;
  retainedBytes: number;
  stack: string[];
}

export interface HeapReport {
  schemaVersion: 1;
  summary: HeapSummary;
  histogram: HistogramRow[];
  dominators: DominatorEntry[];
  leakSuspects: LeakSuspect[];
  threads: ThreadEntry[];
  /** added: class loaders (absent in reports cached by older versions). */
  classLoaders?: ClassLoaderEntry[];
  /** added: present when `pathTo` was asked for. */
  requestedPath?: DominatorEntry;
  /** Seconds per phase. */
  timings: Record<string, number>;
  /** added: true when the report came from the heap index beside the dump (the kept heap model). */
  cached?: boolean;
  /** added: why a heap index that was there could not be used (cut short, damaged, another version): it was rebuilt. */
  indexNote?: string;
  /** added (issue 15): duplicate strings, empty collections, boxes, zero arrays, direct buffers, groupings. */
  waste?: HeapWaste;
}

/** Who holds a group of objects: the reference of the shortest path from the GC roots ("HashMap$Node.key"). */
export interface WasteOwner {
  field: string;
  count: number;
  bytes: number;
}

export interface DuplicateString {
  /** The first 80 characters (Latin-1/UTF-16 or JDK 8 char[] decoded). */
  text: string;
  length: number;
  /** Strings with this content. */
  count: number;
  /** (count − 1) × (String + its array): what one shared copy would save. */
  wastedBytes: number;
  owners: WasteOwner[];
}

export interface CollectionWaste {
  className: string;
  instances: number;
  /** Size 0 with a backing array allocated. */
  empty: number;
  /** Fewer than a quarter of the slots used (and not empty). */
  sparse: number;
  /** Size / capacity over every instance with a backing array, 0–1. */
  fillRatio: number;
  /** Unused slots of the backing arrays (the reference bytes), plus the whole array of empty ones. */
  wastedBytes: number;
  owners: WasteOwner[];
}

export interface BoxedWaste {
  className: string;
  instances: number;
  /** Held by a collection (an Object[] element, a map node's key or value). */
  inCollections: number;
  /** Per instance: the box's shallow size minus the primitive's own bytes. */
  wastedBytes: number;
}

export interface ZeroArrays {
  /** Primitive arrays of ≥ 1 KB whose bytes are ≥ 90 % zero. */
  arrays: number;
  bytes: number;
  byClass: { className: string; arrays: number; bytes: number; owners: WasteOwner[] }[];
}

export interface DirectBuffers {
  /** java.nio.DirectByteBuffer objects that own native memory (a cleaner), reachable from the GC roots. */
  reachable: number;
  /** Their capacity: native memory that a GC cannot free while they are reachable. */
  capacityBytes: number;
  /** Owning buffers no longer reachable: memory freed at the next GC that runs their cleaner. */
  unreachable: number;
  unreachableCapacityBytes: number;
  owners: WasteOwner[];
}

export interface GroupRow {
  /** A package ("java.util", "<arrays>" for arrays of primitives), a loader ("<boot>", a class name + id). */
  name: string;
  classes: number;
  instances: number;
  shallowBytes: number;
  retainedBytes: number;
}

/** added (issue 15): where memory is wasted, and the histogram grouped. */
export interface HeapWaste {
  duplicateStrings: { strings: number; distinct: number; wastedBytes: number; top: DuplicateString[] };
  collections: CollectionWaste[];
  boxed: BoxedWaste[];
  zeroArrays: ZeroArrays;
  directBuffers: DirectBuffers;
  byPackage: GroupRow[];
  byClassLoader: GroupRow[];
}
