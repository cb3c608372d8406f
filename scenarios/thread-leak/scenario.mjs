// Scenario 4: thread pools created per request and never shut down — hundreds of parked threads.
import { jvmScenario, engineerFlags } from '../lib/jvm-scenario.mjs';

const REQUESTS = 100; // × 4 threads per leaked pool = 400 leaked threads

export default {
  name: 'thread-leak',
  title: 'Thread leak: a pool per request, never shut down → hundreds of parked threads',
  story:
    'ReportService handles 100 export requests on a shared, named pool (http-worker-1..8, normal). Each ' +
    'export (demo.reports.ReportExporter.export) creates Executors.newFixedThreadPool(4) and never calls ' +
    'shutdown(): 400 non-daemon threads named pool-N-thread-M stay parked in LinkedBlockingQueue.take(), ' +
    'each with its own stack. The thread dump, top -H and /proc status are taken while it runs.',
  run: jvmScenario({
    mainClass: 'demo.reports.ReportService',
    jvmOptions: ({ evidence }) => ['-Xms64m', '-Xmx64m', ...engineerFlags(evidence)],
    args: () => [String(REQUESTS)],
    ready: { pattern: /handled \d+ export requests/, what: 'all export requests handled' },
    collect: { threadsView: true },
  }),
  evidence: [
    { what: 'the thread dump has 400 leaked pool-N-thread-M threads', file: 'jcmd-Thread.print.txt', matches: /^"pool-\d+-thread-\d+" #\d+ prio=5/gm, count: { min: 400, max: 400 } },
    { what: 'the leaked threads are parked waiting for work', file: 'jcmd-Thread.print.txt', matches: /java\.util\.concurrent\.LinkedBlockingQueue\.take/g, count: { min: 400 } },
    { what: 'the shared request pool has its 8 named threads', file: 'jcmd-Thread.print.txt', matches: /^"http-worker-\d+" #\d+/gm, count: { min: 8, max: 8 } },
    { what: '/proc status counts over 400 threads', file: /^proc-\d+-status\.txt$/, matches: /^Threads:\s+(?:4[1-9]\d|[5-9]\d\d)$/m },
    { what: 'top -H shows the thread view of the JVM', file: /^top-H-p-\d+\.txt$/, matches: /^Threads: +(?:4[1-9]\d|[5-9]\d\d) total/m },
  ],
  diagnosis: [
    {
      what: 'the top finding is the thread leak of the pool-N-thread-M pools',
      needs: { rules: ['thread-leak'], parsers: ['thread-dump'] },
      top: { ruleId: 'thread-leak', facts: { family: { match: '^pool-' }, pools: 100, threads: 400 } },
    },
    {
      what: 'the thread leak names the pools and their stack cost (400 × 1 MB)',
      needs: { rules: ['thread-leak'], parsers: ['thread-dump'] },
      finding: { ruleId: 'thread-leak', facts: { family: { match: '^pool-' }, pools: 100, threads: 400, reservedStackBytes: 400 * 1024 * 1024 } },
    },
    {
      what: 'no critical finding: nothing has failed yet',
      noCritical: true,
    },
  ],
};
