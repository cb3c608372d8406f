// Reference: the HPROF binary format as HotSpot writes it — src/hotspot/share/services/heapDumper.cpp
// (the comment block at its top lists every record and sub-record) and the original JDK 6
// "HPROF Agent" format description (demo/jvmti/hprof/src/manual.html, section "Binary Dump Format").
// Everything is big-endian; identifiers are `idSize` bytes (4 or 8).

/** Top-level record tags. */
export const TAG = {
  UTF8: 0x01,
  LOAD_CLASS: 0x02,
  UNLOAD_CLASS: 0x03,
  STACK_FRAME: 0x04,
  STACK_TRACE: 0x05,
  ALLOC_SITES: 0x06,
  HEAP_SUMMARY: 0x07,
  START_THREAD: 0x0a,
  END_THREAD: 0x0b,
  HEAP_DUMP: 0x0c,
  CPU_SAMPLES: 0x0d,
  CONTROL_SETTINGS: 0x0e,
  HEAP_DUMP_SEGMENT: 0x1c,
  HEAP_DUMP_END: 0x2c,
} as const;

/** Heap-dump sub-record tags (inside HEAP_DUMP / HEAP_DUMP_SEGMENT). */
export const SUB = {
  ROOT_UNKNOWN: 0xff,
  ROOT_JNI_GLOBAL: 0x01,
  ROOT_JNI_LOCAL: 0x02,
  ROOT_JAVA_FRAME: 0x03,
  ROOT_NATIVE_STACK: 0x04,
  ROOT_STICKY_CLASS: 0x05,
  ROOT_THREAD_BLOCK: 0x06,
  ROOT_MONITOR_USED: 0x07,
  ROOT_THREAD_OBJECT: 0x08,
  CLASS_DUMP: 0x20,
  INSTANCE_DUMP: 0x21,
  OBJ_ARRAY_DUMP: 0x22,
  PRIM_ARRAY_DUMP: 0x23,
} as const;

/** Human names of GC root kinds, as used in the summary ("gcRoots": {"java frame": 12, ...}). */
export const ROOT_KIND_NAME: Record<number, string> = {
  [SUB.ROOT_UNKNOWN]: 'unknown',
  [SUB.ROOT_JNI_GLOBAL]: 'JNI global',
  [SUB.ROOT_JNI_LOCAL]: 'JNI local',
  [SUB.ROOT_JAVA_FRAME]: 'Java frame',
  [SUB.ROOT_NATIVE_STACK]: 'native stack',
  [SUB.ROOT_STICKY_CLASS]: 'system class',
  [SUB.ROOT_THREAD_BLOCK]: 'thread block',
  [SUB.ROOT_MONITOR_USED]: 'busy monitor',
  [SUB.ROOT_THREAD_OBJECT]: 'thread',
};

/** Basic types used in field descriptors and primitive arrays (hprof_b_spec.h). */
export const TYPE = {
  OBJECT: 2,
  BOOLEAN: 4,
  CHAR: 5,
  FLOAT: 6,
  DOUBLE: 7,
  BYTE: 8,
  SHORT: 9,
  INT: 10,
  LONG: 11,
} as const;

/** Size in bytes of a value of `type` in the dump (OBJECT → idSize, given separately). Unknown → 0. */
export function typeSize(type: number, idSize: number): number {
  switch (type) {
    case TYPE.OBJECT: return idSize;
    case TYPE.BOOLEAN: case TYPE.BYTE: return 1;
    case TYPE.CHAR: case TYPE.SHORT: return 2;
    case TYPE.FLOAT: case TYPE.INT: return 4;
    case TYPE.DOUBLE: case TYPE.LONG: return 8;
    default: return 0;
  }
}

/** JVM descriptor letter of a primitive array element type: `[B`, `[I`… */
export const PRIM_ARRAY_NAME: Record<number, string> = {
  [TYPE.BOOLEAN]: '[Z',
  [TYPE.CHAR]: '[C',
  [TYPE.FLOAT]: '[F',
  [TYPE.DOUBLE]: '[D',
  [TYPE.BYTE]: '[B',
  [TYPE.SHORT]: '[S',
  [TYPE.INT]: '[I',
  [TYPE.LONG]: '[J',
};
