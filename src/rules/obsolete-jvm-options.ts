// Options that do nothing (or stop the JVM) on the Java version in use: the seed's catalina.sh still
// sets -XX:MaxPermSize on Java 8, where the permanent generation no longer exists.

import { defineRule } from './define.js';
import type { Finding } from '../diagnosis/finding.js';
import type { Facts } from '../diagnosis/facts.js';
import { metaspaceCommitted, suggestMetaspaceCap } from '../diagnosis/budget.js';
import { parseJvmSize } from '../jvm/sizes.js';

/** MaxPermSize's value carried over — unless metaspace already holds more, where that cap would fail at once. */
function metaspaceCapFor(value: string, facts: Facts): string {
  const now = metaspaceCommitted(facts);
  const asked = parseJvmSize(value);
  if (now && asked !== undefined && asked < now.bytes * 1.2) return `-XX:MaxMetaspaceSize=${suggestMetaspaceCap(now.bytes)}`;
  return `-XX:MaxMetaspaceSize=${value}`;
}

interface Obsolete {
  pattern: RegExp;
  /** First feature release where the option no longer works as written. */
  since: number;
  /** Feature release where the JVM refuses to start with it, if known. */
  fatalFrom?: number;
  why: string;
  instead?: (value: string, facts: Facts) => string;
}

// Reference: JDK 8 release notes (PermGen removal, JEP 122), JEP 363 (CMS removed in 14), JEP 366
// (ParallelOld deprecated in 14, removed in 15), HotSpot arguments.cpp special_jvm_flags table.
const OBSOLETE: Obsolete[] = [
  { pattern: /^-XX:MaxPermSize=(.*)$/, since: 8, fatalFrom: 17, why: 'the permanent generation was removed in Java 8 (class metadata moved to native metaspace)', instead: metaspaceCapFor },
  { pattern: /^-XX:PermSize=(.*)$/, since: 8, fatalFrom: 17, why: 'the permanent generation was removed in Java 8', instead: (v) => `-XX:MetaspaceSize=${v}` },
  { pattern: /^-XX:\+UseConcMarkSweepGC$/, since: 14, why: 'the CMS collector was removed in Java 14 (JEP 363)', instead: () => '-XX:+UseG1GC' },
  { pattern: /^-XX:\+UseParNewGC$/, since: 10, why: 'ParNew on its own was removed in Java 10', instead: () => '-XX:+UseG1GC' },
  { pattern: /^-XX:\+UseParallelOldGC$/, since: 15, why: 'ParallelOld was folded into -XX:+UseParallelGC and the flag removed in Java 15 (JEP 366)', instead: () => '-XX:+UseParallelGC' },
  { pattern: /^-XX:\+PrintGCDetails$|^-XX:\+PrintGCDateStamps$|^-Xloggc:/, since: 9, why: 'the old GC logging flags were replaced by unified logging in Java 9', instead: () => '-Xlog:gc*:file=gc.log:time,uptime,level,tags:filecount=5,filesize=20m' },
  { pattern: /^-XX:\+AggressiveOpts$/, since: 11, fatalFrom: 12, why: 'AggressiveOpts was deprecated in 11 and removed in 12' },
];

export const obsoleteJvmOptions = defineRule({
  id: 'obsolete-jvm-options',
  maxSeverity: 'warning',
  description: 'JVM options that are ignored, or make the JVM refuse to start, on the Java version in use.',
  run({ facts }) {
    const feature = facts.java?.value.feature;
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const o of facts.options) {
      for (const ob of OBSOLETE) {
        const m = ob.pattern.exec(o.value);
        if (!m || seen.has(o.value)) continue;
        // Without a known version, flag only the ones obsolete on every JDK still supported (8+).
        if (feature !== undefined ? feature < ob.since : ob.since > 8) continue;
        seen.add(o.value);
        const fatal = feature !== undefined && ob.fatalFrom !== undefined && feature >= ob.fatalFrom;
        const replacement = ob.instead?.(m[1] ?? '', facts);
        out.push({
          ruleId: 'obsolete-jvm-options',
          severity: fatal ? 'warning' : 'info',
          title: `${o.value} ${fatal ? 'stops the JVM from starting' : 'is ignored'} on Java ${feature ?? `${ob.since}+`}`,
          summary: `${o.value} has no effect: ${ob.why}.${feature !== undefined ? ` This JVM is Java ${facts.java!.value.version}.` : ''}${replacement ? ` The setting that does what was meant is ${replacement}.` : ''}`,
          evidence: [o.ref, ...(facts.java ? [facts.java.ref] : [])],
          explanation: fatal
            ? 'Recent JDKs reject removed options with "Unrecognized VM option" and exit at once.'
            : 'The JVM prints a warning at start-up and carries on; anyone reading the script may believe the option limits memory when it does not.',
          recommendations: replacement
            ? [{ action: `Replace ${o.value}`, detail: `Use ${replacement}${/MaxPermSize/.test(o.value) ? metaspaceNote(o.value, replacement, facts) : ''}.`, flags: [replacement] }]
            : [{ action: `Remove ${o.value}`, detail: 'It does nothing on this Java version.' }],
          score: 30,
        });
      }
    }
    return out;
  },
});

function metaspaceNote(option: string, replacement: string, facts: Facts): string {
  const now = metaspaceCommitted(facts);
  const value = option.slice(option.indexOf('=') + 1);
  if (now && !replacement.endsWith(`=${value}`)) {
    return ` — not ${value}: metaspace already holds ${Math.round(now.bytes / 1024 / 1024)} MB (${now.file}:${now.line}), so a ${value} cap would fail at once with "OutOfMemoryError: Metaspace"; metaspace is unlimited by default`;
  }
  return ' (metaspace has no limit by default; pick a value above what jstat MC shows in production)';
}
