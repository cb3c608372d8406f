// Metaspace far larger than an application's classes need: the usual cause is class loaders that are
// never collected (a redeployed webapp pinned by a thread or ThreadLocal, generated proxies, scripting
// engines), each keeping every class it defined. Typical services commit 50–250 MB.
// Reference: HotSpot metaspace (JEP 387 on 16+); jstat MC; NMT's Class/Metaspace categories.

import { defineRule, type FindingDraft } from './define.js';
import { ref } from '../diagnosis/facts.js';
import { metaspaceCommitted, suggestMetaspaceCap } from '../diagnosis/budget.js';
import { formatBytes, MB } from '../util/bytes.js';

/** Committed metaspace above this is unusual for one application. */
export const METASPACE_LARGE_BYTES = 512 * MB;

export const metaspaceSize = defineRule({
  id: 'metaspace-size',
  maxSeverity: 'warning',
  reads: ['jstat', 'native-memory'],
  tier: 'cause',
  description: 'Flags unusually large committed metaspace (over 512 MB), the mark of class loaders that are never freed.',
  run({ facts }, report) {
    const committed = metaspaceCommitted(facts);
    if (!committed || committed.bytes < METASPACE_LARGE_BYTES) return;
    const classes = facts.nmt?.report.classes;
    const cap = facts.maxMetaspaceBytes;
    const pid = facts.javaPid ?? '<pid>';
    return void report({
        severity: 'warning',
        title: `Metaspace is unusually large: ${formatBytes(committed.bytes)} committed`,
        summary: `${formatBytes(committed.bytes)} of class metadata is committed${classes ? ` for ${classes} classes` : ''}${cap ? ` (cap -XX:MaxMetaspaceSize ${formatBytes(cap.value)})` : ', with no MaxMetaspaceSize to stop it'}. One application rarely needs more than 100–250 MB: this suggests class loaders that are never freed (a class-loader leak).`,
        evidence: [ref(committed.file, committed.line, `metaspace committed ${formatBytes(committed.bytes)}`), ...(cap ? [cap.ref] : [])],
        explanation: 'Every class lives in metaspace until its class loader is garbage collected. A webapp redeployed in Tomcat whose old class loader is still referenced — by a thread it started, a ThreadLocal, a JDBC driver or a shutdown hook — keeps all its classes; so do frameworks that generate classes per request. Metaspace is native memory: it inflates the RSS without showing in the heap.',
        recommendations: [
          { action: 'See which class loaders hold the classes', detail: `\`jcmd ${pid} VM.classloader_stats\` (loaders, classes and bytes per loader) and \`jcmd ${pid} GC.class_histogram | head -40\`; a heap dump's class-loader view shows which path keeps an old loader alive.` },
          ...(cap ? [] : [{ action: 'Cap metaspace', detail: 'A cap above today\'s size turns silent growth into a clear "OutOfMemoryError: Metaspace".', flags: [`-XX:MaxMetaspaceSize=${suggestMetaspaceCap(committed.bytes)}`] }]),
        ],
        facts: { metaspaceCommittedBytes: committed.bytes, ...(classes ? { classes } : {}) },
      });
  },
});
