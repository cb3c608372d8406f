// Shallow sizes as the JVM itself counts them (what `jcmd GC.class_histogram` prints), not the
// dump's own field byte counts. HPROF does not record object sizes, so we replay HotSpot's field
// layout for every class:
//  - src/hotspot/share/classfile/fieldLayoutBuilder.cpp (JDK 15+): primitives by size descending,
//    then references, each put in the smallest earlier hole that fits ("best fit", holes in the
//    superclass layout included — UseEmptySlotsInSupers), else appended; @Contended groups get
//    ContendedPaddingWidth (128) bytes of padding before them and at the end.
//  - src/hotspot/share/oops/instanceOop.hpp / arrayOop.hpp: header = mark word (8) + class pointer
//    (4 compressed, 8 not); arrays add a 4-byte length, elements start at align8(header + 4).
//  - src/hotspot/share/classfile/javaClasses.hpp ALL_INJECTED_FIELDS: fields the VM adds to some JDK
//    classes that the dump does not list (ClassLoader.loader_data, Class.klass…).
//  - java.lang.Class mirrors are as big as Class itself plus the class's static fields
//    (InstanceMirrorKlass::instance_size), statics laid out oops first, then primitives.
//  - JDK 8–14 (src/share/vm/classfile/classFileParser.cpp layout_fields, jdk8u): each class's fields
//    start where its superclass's end (rounded up to a heap oop), grouped by type — longs/doubles,
//    ints/floats, shorts/chars, bytes/booleans, then references (FieldsAllocationStyle=1) — with
//    CompactFields filling the 4-byte gap before an 8-aligned long; java.lang.Class, String, Throwable,
//    the boxes and a few more whose offsets the VM hard-codes put references first and do not compact.
//    Verified on real JDK 8 dumps by the distance from each object to the next (object ids are addresses):
//    src/heap/object-layout-jdk8.test.ts.
// Every size is rounded to the 8-byte object alignment (ObjectAlignmentInBytes default).

import { TYPE } from '../hprof/constants.js';
import { CLASS_CLASS_INDEX, ClassKind, type ClassInfo, type HeapIndex } from '../hprof/heap-index.js';

/**
 * How HotSpot places fields: `jdk15` is FieldLayoutBuilder (JDK 15+, holes filled best-fit, holes in
 * supers included); `jdk8` is the older ClassFileParser::layout_fields (JDK 8–14).
 */
export type FieldLayoutStyle = 'jdk15' | 'jdk8';

export interface LayoutMode {
  name: string;
  fieldLayout: FieldLayoutStyle;
  /** Bytes per reference field / array element (4 with compressed oops). */
  refSize: number;
  /** Object header: 12 with compressed class pointers, 16 without (8 on a 32-bit JVM). */
  headerSize: number;
  /** Offset of an array's first element. */
  arrayBase: number;
  /** Offset of the first element of long/double arrays (differs only on 32-bit JVMs). */
  arrayBaseWide: number;
  compressedOops: boolean;
  compressedClassPointers: boolean;
}

type PointerMode = Omit<LayoutMode, 'fieldLayout' | 'name'> & { name: string };

const POINTERS_64: PointerMode[] = [
  { name: 'compressed oops + compressed class pointers', refSize: 4, headerSize: 12, arrayBase: 16, arrayBaseWide: 16, compressedOops: true, compressedClassPointers: true },
  { name: 'full oops + compressed class pointers', refSize: 8, headerSize: 12, arrayBase: 16, arrayBaseWide: 16, compressedOops: false, compressedClassPointers: true },
  { name: 'full oops + full class pointers', refSize: 8, headerSize: 16, arrayBase: 24, arrayBaseWide: 24, compressedOops: false, compressedClassPointers: false },
  { name: 'compressed oops + full class pointers', refSize: 4, headerSize: 16, arrayBase: 24, arrayBaseWide: 24, compressedOops: true, compressedClassPointers: false },
];

const POINTERS_32: PointerMode = {
  name: '32-bit', refSize: 4, headerSize: 8, arrayBase: 12, arrayBaseWide: 16, compressedOops: false, compressedClassPointers: false,
};

const withLayout = (p: PointerMode, fieldLayout: FieldLayoutStyle): LayoutMode =>
  ({ ...p, fieldLayout, name: fieldLayout === 'jdk15' ? p.name : `${p.name}, JDK 8 field layout` });

/** The candidates for a 64-bit dump, JDK 15+ layouts first (they win a tie). */
export const MODES_64: LayoutMode[] = [...POINTERS_64.map((p) => withLayout(p, 'jdk15')), ...POINTERS_64.map((p) => withLayout(p, 'jdk8'))];

/** The candidates for a 32-bit dump (id size 4). */
export const MODES_32: LayoutMode[] = [withLayout(POINTERS_32, 'jdk15'), withLayout(POINTERS_32, 'jdk8')];

const CONTENDED_PADDING = 128;
const align8 = (n: number) => (n + 7) & ~7;

/** javaClasses.hpp ALL_INJECTED_FIELDS (JDK 17): class → [field, type]. 'P' = intptr (long on 64-bit). */
const INJECTED: Record<string, [string, number | 'P'][]> = {
  'java/lang/String': [['flags', TYPE.BYTE]],
  'java/lang/Class': [['klass', 'P'], ['array_klass', 'P'], ['oop_size', TYPE.INT], ['static_oop_field_count', TYPE.INT],
    ['protection_domain', TYPE.OBJECT], ['signers', TYPE.OBJECT], ['source_file', TYPE.OBJECT]],
  'java/lang/ClassLoader': [['loader_data', 'P']],
  'java/lang/invoke/ResolvedMethodName': [['vmtarget', 'P'], ['vmholder', TYPE.OBJECT]],
  'java/lang/invoke/MemberName': [['vmindex', 'P']],
  'java/lang/invoke/MethodHandleNatives$CallSiteContext': [['vmdependencies', 'P'], ['last_cleanup', 'P']],
  'java/lang/StackFrameInfo': [['version', TYPE.SHORT]],
  'java/lang/Module': [['module_entry', 'P']],
  'java/lang/InternalError': [['during_unsafe_access', TYPE.BOOLEAN]],
};

/** javaClasses.hpp ALL_INJECTED_FIELDS of jdk8u. */
const INJECTED_JDK8: Record<string, [string, number | 'P'][]> = {
  'java/lang/Class': [['klass', 'P'], ['array_klass', 'P'], ['oop_size', TYPE.INT], ['static_oop_field_count', TYPE.INT],
    ['protection_domain', TYPE.OBJECT], ['init_lock', TYPE.OBJECT], ['signers', TYPE.OBJECT]],
  'java/lang/ClassLoader': [['loader_data', 'P']],
  'java/lang/invoke/MemberName': [['vmloader', TYPE.OBJECT], ['vmindex', 'P'], ['vmtarget', 'P']],
  'java/lang/invoke/MethodHandleNatives$CallSiteContext': [['vmdependencies', 'P']],
};

/**
 * classFileParser.cpp (jdk8u): boot classes whose field offsets the VM hard-codes
 * (JavaClasses::compute_hard_coded_offsets) are laid out references first, without compaction.
 */
const HARD_CODED_JDK8 = new Set([
  'java/lang/AssertionStatusDirectives', 'java/lang/Class', 'java/lang/ClassLoader', 'java/lang/ref/Reference',
  'java/lang/ref/SoftReference', 'java/lang/StackTraceElement', 'java/lang/String', 'java/lang/Throwable',
  'java/lang/Boolean', 'java/lang/Character', 'java/lang/Float', 'java/lang/Double', 'java/lang/Byte',
  'java/lang/Short', 'java/lang/Integer', 'java/lang/Long',
]);

/** @sun.misc.Contended in jdk8u's rt.jar: class-level ('*') or field → group name. */
const CONTENDED_JDK8: Record<string, Record<string, string>> = {
  'java/lang/Thread': { threadLocalRandomSeed: 'tlr', threadLocalRandomProbe: 'tlr', threadLocalRandomSecondarySeed: 'tlr' },
  'java/util/concurrent/atomic/Striped64$Cell': { '*': '' },
  'java/util/concurrent/ConcurrentHashMap$CounterCell': { '*': '' },
  'java/util/concurrent/Exchanger$Node': { '*': '' },
  'java/util/concurrent/ForkJoinPool': { '*': '' },
  'java/util/concurrent/ForkJoinPool$WorkQueue': { '*': '' },
};

/**
 * @Contended in java.base (honoured because the boot loader is privileged, RestrictContended):
 * class-level ('*') or field → group name. Sources: Thread.java, Striped64.java,
 * ConcurrentHashMap.java, Exchanger.java, ForkJoinPool.java (JDK 17).
 */
const CONTENDED: Record<string, Record<string, string>> = {
  'java/lang/Thread': { threadLocalRandomSeed: 'tlr', threadLocalRandomProbe: 'tlr', threadLocalRandomSecondarySeed: 'tlr' },
  'java/util/concurrent/atomic/Striped64$Cell': { '*': '' },
  'java/util/concurrent/ConcurrentHashMap$CounterCell': { '*': '' },
  'java/util/concurrent/Exchanger$Node': { '*': '' },
};

interface Block {
  kind: 0 | 1 | 2 | 3; // 0 reserved (header/super), 1 empty, 2 field, 3 padding
  offset: number;
  size: number;
}

interface InstanceLayout {
  /** Occupied field blocks of this class and its supers ({offset,size}), for subclasses to reuse holes. */
  fields: { offset: number; size: number }[];
  /** Instance size in bytes (aligned). */
  size: number;
  /** This class or a super has @Contended annotations (subclasses must not reuse its holes). */
  contended: boolean;
  /** JDK 8 layout: where a subclass's fields start (this class's field end, rounded up to a heap oop). */
  fieldsEnd?: number;
}

function fieldSize(type: number | 'P', mode: LayoutMode): number {
  switch (type) {
    case 'P': return mode.refSize === 4 && mode.headerSize === 8 ? 4 : 8;
    case TYPE.OBJECT: return mode.refSize;
    case TYPE.BOOLEAN: case TYPE.BYTE: return 1;
    case TYPE.CHAR: case TYPE.SHORT: return 2;
    case TYPE.FLOAT: case TYPE.INT: return 4;
    case TYPE.DOUBLE: case TYPE.LONG: return 8;
    default: return 0;
  }
}

/** A tiny replay of FieldLayout (a list of blocks ending with an unbounded empty block). */
class FieldLayout {
  blocks: Block[];
  start: Block;
  constructor(blocks: Block[], start: Block) {
    this.blocks = blocks;
    this.start = start;
  }
  get last(): Block {
    return this.blocks[this.blocks.length - 1];
  }
  private insertBefore(slot: Block, b: Block): void {
    b.offset = slot.offset;
    this.blocks.splice(this.blocks.indexOf(slot), 0, b);
    slot.offset += b.size;
    if (slot.size !== Infinity) slot.size -= b.size;
  }
  insertField(slot: Block, size: number, alignment: number): void {
    const mis = slot.offset % alignment;
    if (mis !== 0) this.insertBefore(slot, { kind: 1, offset: 0, size: alignment - mis });
    this.insertBefore(slot, { kind: 2, offset: 0, size });
    if (slot.size === 0) this.blocks.splice(this.blocks.indexOf(slot), 1);
  }
  insertPadding(slot: Block): void {
    this.insertBefore(slot, { kind: 3, offset: 0, size: CONTENDED_PADDING });
  }
  /** FieldLayout::add — sizes double as alignments (fields are naturally aligned). */
  add(sizes: number[], start: Block = this.start): void {
    let lastSize = -1;
    let lastSuccess = false;
    for (const size of sizes) {
      let candidate: Block | undefined;
      if (start === this.last) candidate = this.last;
      else if (size === lastSize && !lastSuccess) candidate = this.last;
      else {
        lastSize = size;
        lastSuccess = true;
        const startIndex = this.blocks.indexOf(start);
        for (let i = this.blocks.length - 2; i > startIndex; i--) {
          const c = this.blocks[i];
          if (c.kind === 1 && fits(c, size, size) && (!candidate || c.size < candidate.size)) candidate = c;
        }
        if (!candidate) {
          candidate = this.last;
          lastSuccess = false;
        }
      }
      this.insertField(candidate, size, size);
    }
  }
}

function fits(b: Block, size: number, alignment: number): boolean {
  const mis = b.offset % alignment;
  return b.size >= size + (mis === 0 ? 0 : alignment - mis);
}

/** Computes JVM shallow sizes for classes under one layout mode. */
export class ShallowSizer {
  private readonly instanceLayouts: (InstanceLayout | undefined)[] = [];
  private classMirrorSize = -1;
  constructor(readonly classes: ClassInfo[], readonly mode: LayoutMode) {}

  /** Fields of class k including the VM-injected ones. */
  private declaredFields(k: ClassInfo): { name: string; size: number; isRef: boolean }[] {
    const out = k.instanceFields.map((f) => ({ name: f.name, size: fieldSize(f.type, this.mode), isRef: f.type === TYPE.OBJECT }));
    const injected = this.mode.fieldLayout === 'jdk8' ? INJECTED_JDK8 : INJECTED;
    for (const [name, type] of injected[k.jvmName] ?? []) {
      if (!out.some((f) => f.name === name)) out.push({ name, size: fieldSize(type, this.mode), isRef: type === TYPE.OBJECT });
    }
    return out;
  }

  instanceLayout(ci: number): InstanceLayout {
    // Iterative over the super chain (no recursion): compute supers first.
    const chain: number[] = [];
    for (let c = ci; c >= 0 && this.instanceLayouts[c] === undefined; c = this.classes[c].superIndex) {
      if (chain.length > 10000) break;
      chain.push(c);
    }
    for (let i = chain.length - 1; i >= 0; i--) this.instanceLayouts[chain[i]] = this.computeLayout(chain[i]);
    return this.instanceLayouts[ci]!;
  }

  private computeLayout(ci: number): InstanceLayout {
    if (this.mode.fieldLayout === 'jdk8') return this.computeLayoutJdk8(ci);
    const k = this.classes[ci];
    const sup = k.superIndex >= 0 ? this.instanceLayouts[k.superIndex] : undefined;
    const header = this.mode.headerSize;
    const blocks: Block[] = [{ kind: 0, offset: 0, size: header }];
    let end = header;
    const superContended = sup?.contended ?? false;
    const superFields = sup?.fields ?? [];
    for (const f of superFields) {
      if (f.offset > end) blocks.push({ kind: superContended ? 3 : 1, offset: end, size: f.offset - end });
      blocks.push({ kind: 0, offset: f.offset, size: f.size });
      end = f.offset + f.size;
    }
    if (superContended) {
      blocks.push({ kind: 3, offset: end, size: CONTENDED_PADDING });
      end += CONTENDED_PADDING;
    }
    blocks.push({ kind: 1, offset: end, size: Infinity });
    const layout = new FieldLayout(blocks, superContended && superFields.length > 0 ? blocks[blocks.length - 1] : blocks[0]);

    const contendedSpec = CONTENDED[k.jvmName];
    const classContended = contendedSpec?.['*'] !== undefined;
    const fields = this.declaredFields(k);
    const root: typeof fields = [];
    const groups = new Map<string, typeof fields>();
    for (const f of fields) {
      const g = classContended ? undefined : contendedSpec?.[f.name];
      if (g === undefined) root.push(f);
      else {
        const key = g === '' ? `#${f.name}` : g;
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key)!.push(f);
      }
    }
    const prims = (list: typeof fields) => list.filter((f) => !f.isRef).map((f) => f.size).sort((a, b) => b - a);
    const refs = (list: typeof fields) => list.filter((f) => f.isRef).map((f) => f.size);
    let tailPadding = false;
    if (classContended) {
      layout.start = layout.last;
      layout.insertPadding(layout.start);
      tailPadding = true;
    }
    layout.add(prims(root));
    layout.add(refs(root));
    for (const g of groups.values()) {
      const start = layout.last;
      layout.insertPadding(start);
      layout.add(prims(g), start);
      layout.add(refs(g), start);
      tailPadding = true;
    }
    if (tailPadding) layout.insertPadding(layout.last);
    const occupied = layout.blocks.filter((b) => b.kind === 2 || (b.kind === 0 && b.offset > 0)).map((b) => ({ offset: b.offset, size: b.size }));
    occupied.sort((a, b) => a.offset - b.offset);
    return {
      fields: occupied,
      size: align8(layout.last.offset),
      contended: superContended || classContended || groups.size > 0,
    };
  }

  /**
   * ClassFileParser::layout_fields of jdk8u, FieldsAllocationStyle=1 and CompactFields (the defaults).
   * Offsets are in bytes; `heapOop` is the size of a reference, `word` of a machine word.
   */
  private computeLayoutJdk8(ci: number): InstanceLayout {
    const k = this.classes[ci];
    const sup = k.superIndex >= 0 ? this.instanceLayouts[k.superIndex] : undefined;
    const heapOop = this.mode.refSize;
    const word = this.mode.headerSize === 8 ? 4 : 8;
    const start = sup?.fieldsEnd ?? this.mode.headerSize;
    const hardCoded = HARD_CODED_JDK8.has(k.jvmName);
    const oopsFirst = hardCoded;
    const compact = !hardCoded;
    const contendedSpec = CONTENDED_JDK8[k.jvmName];
    const classContended = contendedSpec?.['*'] !== undefined;
    const fields = this.declaredFields(k);
    const plain: typeof fields = [];
    const groups = new Map<string, typeof fields>();
    for (const f of fields) {
      const g = classContended ? undefined : contendedSpec?.[f.name];
      if (g === undefined) plain.push(f);
      else {
        const key = g === '' ? `#${f.name}` : g;
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key)!.push(f);
      }
    }
    let doubles = 0, words = 0, shorts = 0, bytes = 0, oops = 0;
    for (const f of plain) {
      if (f.isRef) oops++;
      else if (f.size === 8) doubles++;
      else if (f.size === 4) words++;
      else if (f.size === 2) shorts++;
      else bytes++;
    }
    let next = start + (classContended ? CONTENDED_PADDING : 0);
    let oopOffset = 0;
    let doubleOffset: number;
    if (oopsFirst) {
      oopOffset = next;
      doubleOffset = oopOffset + oops * heapOop;
    } else {
      doubleOffset = next;
    }
    if (doubles > 0) {
      const offset = doubleOffset;
      doubleOffset = Math.ceil(offset / 8) * 8;
      if (compact && offset !== doubleOffset) {
        // The 4-byte gap before the first long takes one int, else shorts, else bytes, else one reference.
        let length = doubleOffset - offset;
        if (words > 0) { words--; length -= 4; }
        while (length >= 2 && shorts > 0) { shorts--; length -= 2; }
        while (length > 0 && bytes > 0) { bytes--; length -= 1; }
        if (length >= heapOop && oops > 0 && !oopsFirst) { oops--; length -= heapOop; }
      }
    }
    const wordOffset = doubleOffset + doubles * 8;
    const shortOffset = wordOffset + words * 4;
    const byteOffset = shortOffset + shorts * 2;
    let padded = byteOffset + bytes;
    if (!oopsFirst) {
      oopOffset = padded;
      if (oops > 0) oopOffset = Math.ceil(oopOffset / heapOop) * heapOop;
      padded = oopOffset + oops * heapOop;
    }
    if (groups.size > 0) {
      // Contended fields after the others: padding before them, each group padded behind; within a
      // group fields keep declaration order, each at its natural alignment.
      padded += CONTENDED_PADDING;
      for (const [key, list] of groups) {
        for (const f of list) {
          const a = f.isRef ? heapOop : f.size;
          padded = Math.ceil(padded / a) * a + f.size;
          if (key.startsWith('#')) padded += CONTENDED_PADDING;
        }
        if (!key.startsWith('#')) padded += CONTENDED_PADDING;
      }
    }
    if (classContended) padded += CONTENDED_PADDING;
    const fieldsEnd = Math.ceil(padded / heapOop) * heapOop;
    const instanceEnd = Math.ceil(padded / word) * word;
    return { fields: [], size: align8(instanceEnd), contended: (sup?.contended ?? false) || classContended || groups.size > 0, fieldsEnd };
  }

  /** Bytes of one instance of class ci. */
  instanceSize(ci: number): number {
    return this.instanceLayout(ci).size;
  }

  /** Bytes of the java.lang.Class object that mirrors class ci (Class fields + ci's statics). */
  mirrorSize(ci: number): number {
    if (this.classMirrorSize < 0) this.classMirrorSize = this.instanceSize(CLASS_CLASS_INDEX);
    const base = this.classMirrorSize;
    const k = this.classes[ci];
    // HotSpot adds pseudo statics such as <resolved_references> to the dump; they are not fields.
    const statics = k.staticFields.filter((f) => !f.name.startsWith('<'));
    if (statics.length === 0) return base;
    // initialize_static_layout() leaves the layout's start at its last (empty) block, so static
    // fields never fill holes: oops first (contiguous), then primitives by size, each appended
    // at its natural alignment.
    let offset = base;
    for (const f of statics) if (f.type === TYPE.OBJECT) offset += this.mode.refSize;
    const prims = statics.filter((f) => f.type !== TYPE.OBJECT).map((f) => fieldSize(f.type, this.mode)).sort((a, b) => b - a);
    for (const s of prims) offset = Math.ceil(offset / s) * s + s;
    return align8(offset);
  }

  arraySize(k: ClassInfo, length: number): number {
    if (k.kind === ClassKind.ObjectArray) return align8(this.mode.arrayBase + length * this.mode.refSize);
    const es = fieldSize(k.elementType, this.mode);
    const base = es === 8 ? this.mode.arrayBaseWide : this.mode.arrayBase;
    return align8(base + length * es);
  }

  /** Size in bytes of object `ordinal` of the index. */
  objectSize(index: HeapIndex, ordinal: number, instanceSizes: Float64Array): number {
    const ci = index.objectClass[ordinal];
    const k = this.classes[ci];
    const aux = index.objectAux[ordinal];
    if (k.kind === ClassKind.Instance) {
      if (ci === CLASS_CLASS_INDEX && aux > 0) return this.mirrorSize(aux - 1);
      return instanceSizes[ci];
    }
    return this.arraySize(k, aux);
  }
}

/** The element type of a primitive array class, recovered from its name when the dump only named it. */
export function primitiveElementType(jvmName: string): number {
  switch (jvmName) {
    case '[Z': return TYPE.BOOLEAN;
    case '[C': return TYPE.CHAR;
    case '[F': return TYPE.FLOAT;
    case '[D': return TYPE.DOUBLE;
    case '[B': return TYPE.BYTE;
    case '[S': return TYPE.SHORT;
    case '[I': return TYPE.INT;
    case '[J': return TYPE.LONG;
    default: return 0;
  }
}
