// A push parser for HPROF: feed it byte chunks of any size (7 bytes or 8 MB), it calls a visitor
// for each record and heap-dump sub-record. It never holds more than one chunk plus one incomplete
// record; big array bodies are streamed (object ids in batches) or skipped, never buffered unless the
// visitor asks for a primitive array's contents.
// Reference: src/hotspot/share/services/heapDumper.cpp (record layouts), see constants.ts.

import { SUB, TAG, TYPE, typeSize } from './constants.js';

export interface HprofHeader {
  format: string;
  idSize: number;
  /** Milliseconds since the epoch, from the header's two u4 words. */
  timestampMs: number;
}

export interface FieldDescriptor {
  nameId: number;
  type: number;
}

export interface StaticField extends FieldDescriptor {
  /** The value when it is a reference (type OBJECT), else 0. */
  objectValue: number;
  /** The value as a number for primitive fields (long/double approximated), else 0. */
  primitiveValue: number;
}

export interface ClassDumpRecord {
  classId: number;
  superId: number;
  loaderId: number;
  signersId: number;
  protectionDomainId: number;
  /** Instance size as HotSpot writes it: the sum of the dump's field sizes, not the JVM layout. */
  instanceSize: number;
  /** Object ids held in the constant pool section (rarely used by HotSpot). */
  constantPoolRefs: number[];
  staticFields: StaticField[];
  instanceFields: FieldDescriptor[];
}

/**
 * Called by the parser. Every method is optional. Buffers passed in are only valid during the call.
 * `objArray`/`primArray` return true when the visitor wants the elements / the contents.
 */
export interface HprofVisitor {
  header?(h: HprofHeader): void;
  utf8?(id: number, buf: Buffer, start: number, end: number): void;
  loadClass?(serial: number, classId: number, stackSerial: number, nameId: number): void;
  stackFrame?(frameId: number, methodNameId: number, signatureId: number, sourceFileId: number, classSerial: number, line: number): void;
  stackTrace?(serial: number, threadSerial: number, frameIds: number[]): void;
  root?(kind: number, id: number, threadSerial: number, extra: number): void;
  classDump?(c: ClassDumpRecord): void;
  instance?(id: number, classId: number, buf: Buffer, start: number, length: number): void;
  objArray?(id: number, arrayClassId: number, length: number): boolean;
  objArrayElements?(buf: Buffer, start: number, count: number): void;
  primArray?(id: number, elementType: number, length: number): boolean;
  primArrayBody?(id: number, elementType: number, buf: Buffer, start: number, byteLength: number): void;
  /** Called once with the parser: a visitor that wants `recordOffset` (where the current record starts) keeps it. */
  attach?(parser: HprofRecordParser): void;
}

/** Thrown when the bytes are not HPROF at all (bad header). */
export class NotHprofError extends Error {}

/** A structural problem after a good header: the dump is read up to `offset` and no further. */
export class CorruptHprofError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

const enum State {
  Header,
  Top,
  Segment,
  Skip,
  SegmentSkip,
  ObjArrayBody,
  PrimArrayBody,
  Done,
}

const TWO_32 = 4294967296;

export class HprofRecordParser {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private end = 0;
  /** Absolute file offset of buf[0]. */
  private base = 0;
  private state = State.Header;
  idSize = 0;
  private segmentLeft = 0;
  private skipLeft = 0;
  private arrayLeft = 0;
  private wantElements = false;
  private primId = 0;
  private primType = 0;
  private primBytes = 0;
  /** Absolute offset where the record or sub-record being parsed started (for messages). */
  recordOffset = 0;
  heapRecords = 0;
  readonly v: HprofVisitor;

  constructor(visitor: HprofVisitor) {
    this.v = visitor;
    visitor.attach?.(this);
  }

  /** Feeds the next chunk. The chunk is not retained after the call returns. */
  push(chunk: Buffer): void {
    if (this.state === State.Done) return;
    if (this.pos < this.end) {
      // Carry the incomplete record over, copying it (the caller may reuse `chunk`'s memory).
      const left = this.end - this.pos;
      const merged = Buffer.allocUnsafe(left + chunk.length);
      this.buf.copy(merged, 0, this.pos, this.end);
      chunk.copy(merged, left);
      this.base += this.pos;
      this.buf = merged;
    } else {
      this.base += this.end;
      this.buf = chunk;
    }
    this.pos = 0;
    this.end = this.buf.length;
    this.run();
    // Keep only the unconsumed tail, copied, so the caller can reuse its chunk buffer.
    if (this.buf === chunk && this.pos < this.end) {
      const tail = Buffer.from(chunk.subarray(this.pos, this.end));
      this.base += this.pos;
      this.buf = tail;
      this.end = tail.length;
      this.pos = 0;
    }
  }

  /** Absolute offset of the next unread byte. */
  get offset(): number {
    return this.base + this.pos;
  }

  /**
   * Call at end of input. Returns undefined when the dump ended cleanly on a record boundary,
   * else a sentence describing where it was cut.
   */
  finish(): string | undefined {
    if (this.state === State.Header) throw new NotHprofError('file is too short to be a heap dump (no HPROF header)');
    const left = this.end - this.pos;
    if (this.state === State.Top && left === 0) return undefined;
    if (this.state === State.Done) return undefined;
    return `the dump is truncated: it ends at byte ${this.offset + left} inside a record that started at byte ${this.recordOffset}`;
  }

  private run(): void {
    for (;;) {
      switch (this.state) {
        case State.Header:
          if (!this.parseHeader()) return;
          break;
        case State.Top:
          if (!this.parseTop()) return;
          break;
        case State.Segment:
          if (this.segmentLeft === 0) {
            this.state = State.Top;
            break;
          }
          if (!this.parseSub()) return;
          break;
        case State.Skip: {
          const n = Math.min(this.skipLeft, this.end - this.pos);
          this.pos += n;
          this.skipLeft -= n;
          if (this.skipLeft > 0) return;
          this.state = State.Top;
          break;
        }
        case State.SegmentSkip: {
          const n = Math.min(this.skipLeft, this.end - this.pos);
          this.pos += n;
          this.skipLeft -= n;
          this.segmentLeft -= n;
          if (this.skipLeft > 0) return;
          this.state = State.Segment;
          break;
        }
        case State.ObjArrayBody: {
          const idSize = this.idSize;
          const count = Math.min(this.arrayLeft, Math.floor((this.end - this.pos) / idSize));
          if (count === 0 && this.arrayLeft > 0) return;
          if (count > 0) {
            if (this.wantElements) this.v.objArrayElements!(this.buf, this.pos, count);
            const bytes = count * idSize;
            this.pos += bytes;
            this.segmentLeft -= bytes;
            this.arrayLeft -= count;
          }
          if (this.arrayLeft === 0) this.state = State.Segment;
          break;
        }
        case State.PrimArrayBody:
          if (this.end - this.pos < this.primBytes) return;
          this.v.primArrayBody!(this.primId, this.primType, this.buf, this.pos, this.primBytes);
          this.pos += this.primBytes;
          this.segmentLeft -= this.primBytes;
          this.state = State.Segment;
          break;
        case State.Done:
          return;
      }
    }
  }

  private parseHeader(): boolean {
    const buf = this.buf;
    const avail = this.end - this.pos;
    // "JAVA PROFILE 1.0.2\0" + u4 idSize + u4 high + u4 low
    const nul = buf.indexOf(0, this.pos);
    if (nul < 0 || nul >= this.end) {
      if (avail >= 32 || !isPrefixOfMagic(buf, this.pos, this.end)) throw new NotHprofError('not an HPROF heap dump (no "JAVA PROFILE 1.0.x" header)');
      return false;
    }
    const format = buf.toString('latin1', this.pos, nul);
    if (!/^JAVA PROFILE 1\.0(\.[12])?$/.test(format)) {
      throw new NotHprofError(`not an HPROF heap dump (header ${JSON.stringify(format.slice(0, 40))})`);
    }
    if (this.end - (nul + 1) < 12) return false;
    const idSize = buf.readUInt32BE(nul + 1);
    if (idSize !== 4 && idSize !== 8) throw new NotHprofError(`unsupported identifier size ${idSize} (HPROF uses 4 or 8)`);
    const timestampMs = buf.readUInt32BE(nul + 5) * TWO_32 + buf.readUInt32BE(nul + 9);
    this.idSize = idSize;
    this.pos = nul + 13;
    this.state = State.Top;
    this.v.header?.({ format, idSize, timestampMs });
    return true;
  }

  private readId(p: number): number {
    const buf = this.buf;
    if (this.idSize === 4) return buf.readUInt32BE(p);
    return buf.readUInt32BE(p) * TWO_32 + buf.readUInt32BE(p + 4);
  }

  private parseTop(): boolean {
    const avail = this.end - this.pos;
    if (avail < 9) return false;
    const buf = this.buf;
    const p = this.pos;
    const tag = buf[p];
    const length = buf.readUInt32BE(p + 5);
    this.recordOffset = this.base + p;
    if (tag === TAG.HEAP_DUMP || tag === TAG.HEAP_DUMP_SEGMENT) {
      this.pos = p + 9;
      this.segmentLeft = length;
      this.state = State.Segment;
      return true;
    }
    if (tag === TAG.HEAP_DUMP_END) {
      this.pos = p + 9 + Math.min(length, avail - 9);
      this.skipLeft = length - (this.pos - p - 9);
      this.state = this.skipLeft > 0 ? State.Skip : State.Top;
      return true;
    }
    const wanted =
      (tag === TAG.UTF8 && this.v.utf8) ||
      (tag === TAG.LOAD_CLASS && this.v.loadClass) ||
      (tag === TAG.STACK_FRAME && this.v.stackFrame) ||
      (tag === TAG.STACK_TRACE && this.v.stackTrace);
    if (tag === 0 || tag > 0x2c) {
      throw new CorruptHprofError(this.base + p, `unknown record tag 0x${tag.toString(16)} at byte ${this.base + p}`);
    }
    if (!wanted) {
      this.pos = p + 9;
      this.skipLeft = length;
      this.state = State.Skip;
      return true;
    }
    if (avail < 9 + length) return false;
    const b = p + 9;
    const id = this.idSize;
    switch (tag) {
      case TAG.UTF8:
        this.v.utf8!(this.readId(b), buf, b + id, b + length);
        break;
      case TAG.LOAD_CLASS:
        this.v.loadClass!(buf.readUInt32BE(b), this.readId(b + 4), buf.readUInt32BE(b + 4 + id), this.readId(b + 8 + id));
        break;
      case TAG.STACK_FRAME:
        this.v.stackFrame!(this.readId(b), this.readId(b + id), this.readId(b + 2 * id), this.readId(b + 3 * id),
          buf.readUInt32BE(b + 4 * id), buf.readInt32BE(b + 4 * id + 4));
        break;
      case TAG.STACK_TRACE: {
        const n = buf.readUInt32BE(b + 8);
        const frames: number[] = [];
        for (let i = 0; i < n && 12 + (i + 1) * id <= length; i++) frames.push(this.readId(b + 12 + i * id));
        this.v.stackTrace!(buf.readUInt32BE(b), buf.readUInt32BE(b + 4), frames);
        break;
      }
    }
    this.pos = b + length;
    return true;
  }

  /** Parses one sub-record if it is available; false = need more bytes. */
  private parseSub(): boolean {
    const buf = this.buf;
    const p = this.pos;
    const avail = this.end - p;
    if (avail < 1) return false;
    const id = this.idSize;
    const tag = buf[p];
    this.recordOffset = this.base + p;
    let size: number;
    switch (tag) {
      case SUB.INSTANCE_DUMP: {
        const head = 1 + id + 4 + id + 4;
        if (avail < head) return false;
        const n = buf.readUInt32BE(p + head - 4);
        size = head + n;
        if (avail < size) return false;
        this.heapRecords++;
        this.v.instance?.(this.readId(p + 1), this.readId(p + 1 + id + 4), buf, p + head, n);
        break;
      }
      case SUB.OBJ_ARRAY_DUMP: {
        const head = 1 + id + 4 + 4 + id;
        if (avail < head) return false;
        const length = buf.readUInt32BE(p + 1 + id + 4);
        this.heapRecords++;
        this.wantElements = this.v.objArray ? this.v.objArray(this.readId(p + 1), this.readId(p + 1 + id + 8), length) : false;
        if (this.wantElements && !this.v.objArrayElements) this.wantElements = false;
        this.pos = p + head;
        this.segmentLeft -= head;
        this.arrayLeft = length;
        this.state = State.ObjArrayBody;
        this.checkSegment();
        return true;
      }
      case SUB.PRIM_ARRAY_DUMP: {
        const head = 1 + id + 4 + 4 + 1;
        if (avail < head) return false;
        const length = buf.readUInt32BE(p + 1 + id + 4);
        const type = buf[p + head - 1];
        const es = type === TYPE.OBJECT ? 0 : typeSize(type, id);
        if (es === 0) throw new CorruptHprofError(this.base + p, `bad primitive array element type ${type} at byte ${this.base + p}`);
        this.heapRecords++;
        const arrId = this.readId(p + 1);
        const want = this.v.primArray ? this.v.primArray(arrId, type, length) : false;
        this.pos = p + head;
        this.segmentLeft -= head;
        const bytes = length * es;
        if (want && this.v.primArrayBody) {
          this.primId = arrId;
          this.primType = type;
          this.primBytes = bytes;
          this.state = State.PrimArrayBody;
        } else {
          this.skipLeft = bytes;
          this.state = State.SegmentSkip;
        }
        this.checkSegment();
        return true;
      }
      case SUB.CLASS_DUMP: {
        size = classDumpSize(buf, p, this.end, id);
        if (size < 0) return false;
        this.heapRecords++;
        if (this.v.classDump) this.v.classDump(this.readClassDump(p));
        break;
      }
      case SUB.ROOT_UNKNOWN:
      case SUB.ROOT_STICKY_CLASS:
      case SUB.ROOT_MONITOR_USED:
        size = 1 + id;
        if (avail < size) return false;
        this.v.root?.(tag, this.readId(p + 1), 0, 0);
        break;
      case SUB.ROOT_JNI_GLOBAL:
        size = 1 + 2 * id;
        if (avail < size) return false;
        this.v.root?.(tag, this.readId(p + 1), 0, 0);
        break;
      case SUB.ROOT_JNI_LOCAL:
      case SUB.ROOT_JAVA_FRAME:
      case SUB.ROOT_THREAD_OBJECT:
        size = 1 + id + 8;
        if (avail < size) return false;
        this.v.root?.(tag, this.readId(p + 1), buf.readUInt32BE(p + 1 + id), buf.readUInt32BE(p + 5 + id));
        break;
      case SUB.ROOT_NATIVE_STACK:
      case SUB.ROOT_THREAD_BLOCK:
        size = 1 + id + 4;
        if (avail < size) return false;
        this.v.root?.(tag, this.readId(p + 1), buf.readUInt32BE(p + 1 + id), 0);
        break;
      default:
        throw new CorruptHprofError(this.base + p, `unknown heap-dump sub-record tag 0x${tag.toString(16)} at byte ${this.base + p}`);
    }
    this.pos = p + size;
    this.segmentLeft -= size;
    this.checkSegment();
    return true;
  }

  private checkSegment(): void {
    if (this.segmentLeft < 0) {
      throw new CorruptHprofError(this.recordOffset, `a heap-dump sub-record at byte ${this.recordOffset} overruns its segment`);
    }
  }

  private readClassDump(p: number): ClassDumpRecord {
    const buf = this.buf;
    const id = this.idSize;
    let q = p + 1;
    const classId = this.readId(q); q += id;
    q += 4; // stack trace serial
    const superId = this.readId(q); q += id;
    const loaderId = this.readId(q); q += id;
    const signersId = this.readId(q); q += id;
    const protectionDomainId = this.readId(q); q += id;
    q += 2 * id; // reserved
    const instanceSize = buf.readUInt32BE(q); q += 4;
    const cpCount = buf.readUInt16BE(q); q += 2;
    const constantPoolRefs: number[] = [];
    for (let i = 0; i < cpCount; i++) {
      q += 2;
      const t = buf[q]; q += 1;
      if (t === TYPE.OBJECT) {
        const v = this.readId(q);
        if (v !== 0) constantPoolRefs.push(v);
      }
      q += typeSize(t, id);
    }
    const staticCount = buf.readUInt16BE(q); q += 2;
    const staticFields: StaticField[] = [];
    for (let i = 0; i < staticCount; i++) {
      const nameId = this.readId(q); q += id;
      const type = buf[q]; q += 1;
      let objectValue = 0;
      let primitiveValue = 0;
      switch (type) {
        case TYPE.OBJECT: objectValue = this.readId(q); break;
        case TYPE.BOOLEAN: case TYPE.BYTE: primitiveValue = buf.readInt8(q); break;
        case TYPE.CHAR: primitiveValue = buf.readUInt16BE(q); break;
        case TYPE.SHORT: primitiveValue = buf.readInt16BE(q); break;
        case TYPE.INT: primitiveValue = buf.readInt32BE(q); break;
        case TYPE.FLOAT: primitiveValue = buf.readFloatBE(q); break;
        case TYPE.DOUBLE: primitiveValue = buf.readDoubleBE(q); break;
        case TYPE.LONG: primitiveValue = Number(buf.readBigInt64BE(q)); break;
      }
      q += typeSize(type, id);
      staticFields.push({ nameId, type, objectValue, primitiveValue });
    }
    const fieldCount = buf.readUInt16BE(q); q += 2;
    const instanceFields: FieldDescriptor[] = [];
    for (let i = 0; i < fieldCount; i++) {
      const nameId = this.readId(q); q += id;
      instanceFields.push({ nameId, type: buf[q] });
      q += 1;
    }
    return { classId, superId, loaderId, signersId, protectionDomainId, instanceSize, constantPoolRefs, staticFields, instanceFields };
  }
}

function isPrefixOfMagic(buf: Buffer, start: number, end: number): boolean {
  const magic = 'JAVA PROFILE ';
  for (let i = 0; i < Math.min(end - start, magic.length); i++) if (buf[start + i] !== magic.charCodeAt(i)) return false;
  return true;
}

/** Byte length of the CLASS_DUMP sub-record at p, or -1 when it is not all in buf[p, end). */
function classDumpSize(buf: Buffer, p: number, end: number, id: number): number {
  let q = p + 1 + 7 * id + 4 + 4;
  if (q + 2 > end) return -1;
  const cp = buf.readUInt16BE(q); q += 2;
  for (let i = 0; i < cp; i++) {
    if (q + 3 > end) return -1;
    const t = buf[q + 2];
    const s = typeSize(t, id);
    if (s === 0) throw new CorruptHprofError(q, `bad constant-pool entry type ${t} in a class dump`);
    q += 3 + s;
  }
  if (q + 2 > end) return -1;
  const sc = buf.readUInt16BE(q); q += 2;
  for (let i = 0; i < sc; i++) {
    if (q + id + 1 > end) return -1;
    const t = buf[q + id];
    const s = typeSize(t, id);
    if (s === 0) throw new CorruptHprofError(q, `bad static field type ${t} in a class dump`);
    q += id + 1 + s;
  }
  if (q + 2 > end) return -1;
  const fc = buf.readUInt16BE(q); q += 2;
  q += fc * (id + 1);
  if (q > end) return -1;
  return q - p;
}
