// Scenario 1: a heap leak — an unbounded static cache — ends in OutOfMemoryError: Java heap space.
import { jvmScenario, engineerFlags } from '../lib/jvm-scenario.mjs';

export default {
  name: 'heap-leak',
  title: 'Heap leak: an unbounded static cache → OutOfMemoryError: Java heap space',
  story:
    'QuoteService caches every rendered quote in a static HashMap (demo.quotes.QuoteCache.ENTRIES) that ' +
    'nothing evicts. With -Xmx32m the heap is exhausted in well under a second; the JVM writes a heap ' +
    'dump (HeapDumpOnOutOfMemoryError) and the request thread dies, while the process stays up.',
  run: jvmScenario({
    mainClass: 'demo.quotes.QuoteService',
    // A small heap keeps the run fast and the heap dump (≈ 32 MB) small.
    jvmOptions: ({ evidence }) => ['-Xms32m', '-Xmx32m', ...engineerFlags(evidence)],
    ready: { pattern: /request worker stopped/, what: 'the OutOfMemoryError and the heap dump' },
  }),
  evidence: [
    { what: 'the log has the OutOfMemoryError with its thread', file: 'app.log', contains: 'Exception in thread "quote-request-worker" java.lang.OutOfMemoryError: Java heap space' },
    { what: 'the log says the heap dump was written', file: 'app.log', matches: /^Heap dump file created \[\d+ bytes/m },
    { what: 'a heap dump of at most ~40 MB', file: /^java_pid\d+\.hprof$/, bytes: { min: 1_000_000, max: 40_000_000 } },
    { what: 'the GC log shows repeated full GCs at the 32 MB limit', file: 'gc.log', matches: /Pause Full \(G1 Compaction Pause\) \d+M->\d+M\(32M\)/g, count: { min: 2 } },
    { what: 'the class histogram counts the cached quotes', file: 'jcmd-GC.class_histogram.txt', matches: /^\s*\d+:\s+1\d{3}\s+\d+\s+demo\.quotes\.RenderedQuote\s*$/m },
    { what: 'jstat sees an almost full old generation', file: 'jstat-gcutil.txt', matches: /^\s*[\d.]+\s+[\d.]+\s+[\d.]+\s+(?:[6-9]\d|100)\.\d+\s/m },
    { what: 'VM.flags has the heap size and the dump flag', file: 'jcmd-VM.flags.txt', matches: /-XX:MaxHeapSize=33554432.*-XX:\+HeapDumpOnOutOfMemoryError|-XX:\+HeapDumpOnOutOfMemoryError.*-XX:MaxHeapSize=33554432/ },
    { what: 'the /proc status of the JVM', file: /^proc-\d+-status\.txt$/, matches: /^VmRSS:\s+\d+ kB$/m },
    { what: 'free and top of the host', file: 'top.txt', matches: /^\s*\d+ \S+\s+.*\bjava\b/m },
  ],
  diagnosis: [
    {
      what: 'the top finding is the heap OutOfMemoryError',
      needs: { rules: ['out-of-memory-error'], parsers: ['log'] },
      top: { ruleId: 'out-of-memory-error', severity: 'critical', facts: { errorId: 'oom-heap' } },
    },
    {
      what: 'the heap OutOfMemoryError is reported, critical',
      needs: { rules: ['out-of-memory-error'], parsers: ['log'] },
      finding: { ruleId: 'out-of-memory-error', severity: 'critical', facts: { errorId: 'oom-heap' } },
    },
    {
      what: 'the heap dump names the cache as the leak suspect, with its path from the static field',
      needs: { rules: ['heap-leak-suspect'] },
      finding: { ruleId: 'heap-leak-suspect', severity: 'critical', facts: { percentOfHeap: { min: 50 } }, mentions: ['QuoteCache', 'ENTRIES'] },
    },
    {
      what: 'the leak suspect is the cache\'s owner, class demo.quotes.QuoteCache (not the class loader above it)',
      needs: { rules: ['heap-leak-suspect'] },
      finding: { ruleId: 'heap-leak-suspect', severity: 'critical', title: 'QuoteCache' },
    },
    {
      what: 'the GC log alone calls it a leak: the live set after full GCs rises until they free nothing',
      needs: { rules: ['gc-live-set'], parsers: ['gc-log'] },
      finding: { ruleId: 'gc-live-set', facts: { verdict: 'leak' } },
    },
    {
      what: 'no other kind of OutOfMemoryError is reported',
      needs: { rules: ['out-of-memory-error'], parsers: ['log'] },
      none: { ruleId: 'out-of-memory-error', facts: { errorId: 'oom-other' } },
    },
  ],
};
