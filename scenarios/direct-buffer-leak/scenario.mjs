// Scenario 2: direct (off-heap) buffers borrowed and never returned → Cannot reserve … bytes of direct
// buffer memory, with a heap that looks healthy.
import { jvmScenario, engineerFlags } from '../lib/jvm-scenario.mjs';

export default {
  name: 'direct-buffer-leak',
  title: 'Direct-buffer leak → OutOfMemoryError: Cannot reserve … bytes of direct buffer memory',
  story:
    'IngestService takes a 1 MB direct ByteBuffer per message from demo.ingest.FrameBufferPool, which ' +
    'keeps every buffer in a static list and never gets one back. -XX:MaxDirectMemorySize=32m caps direct ' +
    'memory, so the 33rd buffer fails while the heap is nearly empty. Native Memory Tracking is on, as an ' +
    'engineer chasing native memory would turn it on; the heap dump is taken with jcmd (a direct-buffer ' +
    'OutOfMemoryError is thrown by Java code, so HeapDumpOnOutOfMemoryError does not fire).',
  run: jvmScenario({
    mainClass: 'demo.ingest.IngestService',
    jvmOptions: ({ evidence }) => ['-Xms64m', '-Xmx64m', '-XX:MaxDirectMemorySize=32m', '-XX:NativeMemoryTracking=summary', ...engineerFlags(evidence)],
    ready: { pattern: /reader stopped/, what: 'the direct-buffer OutOfMemoryError' },
    collect: { nativeMemory: true, heapDump: true },
  }),
  evidence: [
    {
      what: 'the log has the direct-memory OutOfMemoryError with its numbers',
      file: 'app.log',
      contains: 'Exception in thread "ingest-reader-1" java.lang.OutOfMemoryError: Cannot reserve 1048576 bytes of direct buffer memory (allocated: 33554432, limit: 33554432)',
    },
    { what: 'the stack names the holder', file: 'app.log', contains: 'at demo.ingest.FrameBufferPool.borrow(FrameBufferPool.java:' },
    { what: 'VM.flags has MaxDirectMemorySize', file: 'jcmd-VM.flags.txt', contains: '-XX:MaxDirectMemorySize=33554432' },
    { what: 'NMT counts the 32 MB of direct buffers under Other', file: 'jcmd-VM.native_memory-summary.txt', matches: /Other \(reserved=32768KB, committed=32768KB\)/ },
    { what: 'the class histogram has the 32 DirectByteBuffers', file: 'jcmd-GC.class_histogram.txt', matches: /^\s*\d+:\s+3[2-9]\s+\d+\s+java\.nio\.DirectByteBuffer\b/m },
    { what: 'a small heap dump taken with jcmd', file: /^heap-\d+\.hprof$/, bytes: { min: 100_000, max: 70_000_000 } },
    { what: 'the GC log is there', file: 'gc.log', matches: /\[gc,init\s*\] Heap Max Capacity: 64M/ },
  ],
  diagnosis: [
    {
      what: 'the top finding is the direct-buffer OutOfMemoryError',
      needs: { rules: ['out-of-memory-error'], parsers: ['log'] },
      top: {
        ruleId: 'out-of-memory-error',
        severity: 'critical',
        facts: { errorId: 'oom-direct-buffer', requestedBytes: 1048576, allocatedBytes: 33554432, limitBytes: 33554432 },
      },
    },
    {
      what: 'the direct-buffer OutOfMemoryError is reported with the cap\'s numbers',
      needs: { rules: ['out-of-memory-error'], parsers: ['log'] },
      finding: {
        ruleId: 'out-of-memory-error',
        facts: { errorId: 'oom-direct-buffer', requestedBytes: 1048576, limitBytes: 33554432 },
        mentions: ['MaxDirectMemorySize', 'demo.ingest.FrameBufferPool.borrow'], // the cap and the holder
      },
    },
  ],
};
