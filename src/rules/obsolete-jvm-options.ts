// Options that do nothing, do something else than intended, or stop the JVM on the Java version in use:
// the seed's catalina.sh still sets -XX:MaxPermSize on Java 8, where the permanent generation is gone.
// The flag knowledge (which release deprecated, ignored or removed what) lives in src/knowledge/flags.ts.

import { defineRule, type FindingDraft } from './define.js';
import type { Severity } from '../model/finding.js';
import { ref, type Facts } from '../diagnosis/facts.js';
import { metaspaceCommitted, suggestMetaspaceCap } from '../diagnosis/budget.js';
import { resolveJvmFlags, type JvmFlagWarning } from '../knowledge/flags.js';
import { parseJvmSize } from '../knowledge/sizes.js';

const SEVERITY: Record<JvmFlagWarning['status'], Severity> = {
  fatal: 'warning',
  invalid: 'warning',
  suspicious: 'warning',
  ignored: 'info',
  deprecated: 'info',
};

const VERB: Record<JvmFlagWarning['status'], string> = {
  fatal: 'stops the JVM from starting',
  invalid: 'is invalid',
  suspicious: 'probably does not mean what was intended',
  ignored: 'is ignored',
  deprecated: 'is deprecated',
};

export const obsoleteJvmOptions = defineRule({
  id: 'obsolete-jvm-options',
  maxSeverity: 'warning',
  reads: ['jvm-options', 'java-version', 'jstat'],
  tier: 'context',
  description: 'JVM options that are ignored, deprecated, invalid or fatal on the Java version in use.',
  run({ facts }, report) {
    // Without `java -version`, judge against Java 8 and keep only what no supported JDK accepts.
    const feature = facts.java?.value.feature;
    const warnings = feature !== undefined
      ? facts.flags.warnings
      : resolveJvmFlags(facts.options.map((o) => ({ value: o.value, line: o.ref.line ?? 0, text: o.ref.excerpt, file: o.ref.file })), 8).warnings.filter((w) => w.status !== 'deprecated');
    const seen = new Set<string>();
    const out: FindingDraft[] = [];
    for (const w of warnings) {
      const key = `${w.flag}:${w.option.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const optRef = ref((w.option as { file?: string }).file ?? '', w.option.line, w.option.text);
      const replacement = w.flag === 'MaxPermSize' ? metaspaceCapFor(w.option.value, facts) : w.replacement;
      const onJava = feature !== undefined ? `Java ${facts.java!.value.version}` : 'Java 8 and later';
      out.push({
        severity: SEVERITY[w.status],
        title: `${w.option.value.trim()} ${VERB[w.status]} on ${feature !== undefined ? `Java ${feature}` : 'Java 8+'}`,
        summary: `${w.message}.${feature === undefined ? ` (No java -version was given; judged for ${onJava}.)` : ''}${replacement ? ` What was meant: ${replacement}.` : ''}`.replace('..', '.'),
        evidence: [optRef, ...(facts.java ? [facts.java.ref] : [])],
        explanation:
          w.status === 'fatal' || w.status === 'invalid'
            ? 'The JVM refuses options it no longer knows ("Unrecognized VM option") or cannot parse, and exits before the application starts.'
            : w.status === 'suspicious'
              ? 'The option is accepted, but its unit or meaning differs from what the value suggests.'
              : 'The JVM prints a warning at start-up and carries on; anyone reading the script may believe the option does something.',
        recommendations: replacement
          ? [{ action: `Replace ${w.option.value.trim()}`, detail: `Use ${replacement}${w.flag === 'MaxPermSize' ? metaspaceNote(w.option.value, replacement, facts) : ''}.`, flags: [replacement] }]
          : [{ action: `Remove ${w.option.value.trim()}`, detail: 'It does nothing useful on this Java version.' }],
      });
    }
    for (const f of out) report(f);
  },
});

/** MaxPermSize's value carried over — unless metaspace already holds more, where that cap would fail at once. */
function metaspaceCapFor(option: string, facts: Facts): string {
  const value = option.slice(option.indexOf('=') + 1);
  const now = metaspaceCommitted(facts);
  const asked = parseJvmSize(value);
  if (now && asked !== undefined && asked < now.bytes * 1.2) return `-XX:MaxMetaspaceSize=${suggestMetaspaceCap(now.bytes)}`;
  return `-XX:MaxMetaspaceSize=${value}`;
}

function metaspaceNote(option: string, replacement: string, facts: Facts): string {
  const now = metaspaceCommitted(facts);
  const value = option.slice(option.indexOf('=') + 1);
  if (now && !replacement.endsWith(`=${value}`)) {
    return ` — not ${value}: metaspace already holds ${Math.round(now.bytes / 1024 / 1024)} MB (${now.file}:${now.line}), so a ${value} cap would fail at once with "OutOfMemoryError: Metaspace"; metaspace is unlimited by default`;
  }
  return ' (metaspace has no limit by default; pick a value above what jstat MC shows in production)';
}
