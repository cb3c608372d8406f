// Scenario 3: a class-loader leak — every plugin reload's URLClassLoader kept in a static map — fills
// metaspace until OutOfMemoryError: Metaspace.
import { jvmScenario, engineerFlags } from '../lib/jvm-scenario.mjs';
import { join } from 'node:path';

export default {
  name: 'metaspace-leak',
  title: 'Class-loader leak → OutOfMemoryError: Metaspace',
  story:
    'PluginHost reloads a tenant plugin (demo.plugin.PricingRules, compiled apart from the host so only a ' +
    'new URLClassLoader can load it) over and over and registers every loader in a static map ' +
    '(demo.plugins.PluginHost.LOADERS). Each live loader pins its copy of the plugin class and its lambda ' +
    'classes in metaspace; -XX:MaxMetaspaceSize=24m is reached after about 2,000 reloads.',
  run: jvmScenario({
    mainClass: 'demo.plugins.PluginHost',
    compile: [{ src: 'plugin', out: 'plugin-classes' }],
    jvmOptions: ({ evidence }) => ['-Xms64m', '-Xmx64m', '-XX:MaxMetaspaceSize=24m', ...engineerFlags(evidence)],
    args: ({ work }) => [join(work, 'plugin-classes')],
    ready: { pattern: /reloader stopped/, what: 'the Metaspace OutOfMemoryError' },
  }),
  evidence: [
    { what: 'the log has the Metaspace OutOfMemoryError in the reloader thread', file: 'app.log', contains: 'Exception in thread "plugin-reloader" java.lang.OutOfMemoryError: Metaspace' },
    { what: 'the error happened while defining a class', file: 'app.log', contains: 'at java.base/java.lang.ClassLoader.defineClass1(Native Method)' },
    { what: 'the heap dump was written on the OutOfMemoryError', file: /^java_pid\d+\.hprof$/, bytes: { min: 1_000_000, max: 70_000_000 } },
    { what: 'the class histogram counts ~2,000 URLClassLoaders', file: 'jcmd-GC.class_histogram.txt', matches: /^\s*\d+:\s+(?:1[5-9]\d\d|[2-9]\d\d\d)\s+\d+\s+java\.net\.URLClassLoader\b/m },
    { what: 'VM.flags has MaxMetaspaceSize', file: 'jcmd-VM.flags.txt', contains: '-XX:MaxMetaspaceSize=25165824' },
    { what: 'the GC log shows Metaspace-triggered GCs', file: 'gc.log', matches: /Metadata GC Threshold/ },
    { what: 'jstat -gc shows metaspace at its cap (MC 24576)', file: 'jstat-gc.txt', matches: /\s24576\.0\s/ },
  ],
  diagnosis: [
    {
      what: 'the top finding is the Metaspace OutOfMemoryError, or the class that holds the leaked loaders',
      needs: { rules: ['out-of-memory-error'], parsers: ['log'] },
      top: [
        { ruleId: 'out-of-memory-error', severity: 'critical', facts: { errorId: 'oom-metaspace' } },
        { ruleId: 'heap-leak-suspect', severity: 'critical', mentions: ['demo.plugins.PluginHost'] },
      ],
    },
    {
      what: 'the Metaspace OutOfMemoryError is reported, critical',
      needs: { rules: ['out-of-memory-error'], parsers: ['log'] },
      finding: { ruleId: 'out-of-memory-error', severity: 'critical', facts: { errorId: 'oom-metaspace' } },
    },
    {
      what: 'the heap dump names the class that keeps the plugin class loaders',
      needs: { rules: ['heap-leak-suspect'] },
      finding: { ruleId: 'heap-leak-suspect', mentions: ['demo.plugins.PluginHost'] },
    },
    {
      // Both static fields pin loaders (LOADERS the latest per plugin, PLUGINS every plugin instance and
      // so its class and loader); the example path goes to the biggest loader, held by either.
      what: 'the heap dump names the URLClassLoaders piling up under PluginHost and a static field that holds them',
      needs: { rules: ['heap-leak-suspect'] },
      finding: { ruleId: 'heap-leak-suspect', mentions: ['URLClassLoader', 'static field'], mentionsAny: ['LOADERS', 'PLUGINS'] },
    },
    {
      what: 'no other kind of OutOfMemoryError is reported',
      needs: { rules: ['out-of-memory-error'], parsers: ['log'] },
      none: { ruleId: 'out-of-memory-error', facts: { errorId: 'oom-other' } },
    },
  ],
};
