// JavaCPP refused a native allocation because the process's resident memory reached maxPhysicalBytes —
// a cap derived from -Xmx that counts the WHOLE process, not the Java heap. The seed incident's
// "Cannot allocate new IntPointer (1): totalBytes = 0, physicalBytes = 7775M".

import { defineRule, type FindingDraft } from './define.js';
import type { EvidenceRef, Recommendation } from '../model/finding.js';
import { ref, type Facts } from '../diagnosis/facts.js';
import { CAP_FORMULAS, JAVACPP_PROPERTY, estimateMaxMemory } from '../knowledge/javacpp.js';
import { formatBytes, GB } from '../util/bytes.js';

const IDS = new Set(['javacpp-cannot-allocate', 'javacpp-physical-bytes', 'javacpp-max-bytes']);

export const javacppNativeCap = defineRule({
  id: 'javacpp-native-cap',
  maxSeverity: 'critical',
  reads: ['log', 'jvm-options', 'jstat', 'top', 'free', 'docker-inspect'],
  tier: 'cause',
  description: "JavaCPP's maxPhysicalBytes / maxBytes limits refused a native allocation (a cap derived from -Xmx, not the heap).",
  run({ facts }, report) {
    const hits = facts.errors.filter((e) => IDS.has(e.hit.id));
    if (hits.length === 0) return;
    const evidence: EvidenceRef[] = hits.slice(0, 8).map((h) => ref(h.file, h.hit.line, h.hit.text));

    const physicalHits = hits.filter((h) => h.hit.id !== 'javacpp-max-bytes');
    const maxBytesHits = hits.filter((h) => h.hit.id === 'javacpp-max-bytes');
    if (physicalHits.length === 0) return void report(maxBytesFinding(maxBytesHits, evidence, facts));

    const observed = physicalHits
      .filter((h) => h.hit.id === 'javacpp-cannot-allocate' && typeof h.hit.values.physicalBytes === 'number')
      .map((h) => h.hit.values.physicalBytes as number);
    const peak = observed.length ? Math.max(...observed) : undefined;
    const explicit = facts.flags.javacpp.maxPhysicalBytes;
    const explicitCap = explicit && { value: explicit.value, ref: ref((explicit.option as { file?: string }).file ?? '', explicit.option.line, explicit.option.text) };
    const xmx = facts.heapMaxBytes;
    const survivor = facts.jstat.get('gccapacity')?.sample.values.S0C ?? facts.jstat.get('gc')?.sample.values.S0C;
    const maxMemory = xmx ? estimateMaxMemory(xmx.value, survivor != null ? survivor * 1024 : undefined) : undefined;

    const lines: string[] = [];
    const factsOut: Record<string, number | string | boolean> = {};
    if (peak !== undefined) factsOut.physicalBytesAtFailure = peak;
    if (xmx) factsOut.xmxBytes = xmx.value;
    if (facts.javaRss) {
      evidence.push(facts.javaRss.ref);
      factsOut.rssBytes = facts.javaRss.value;
    }
    if (xmx) evidence.push(xmx.ref);
    if (explicitCap) evidence.push(explicitCap.ref);

    // Which cap was in force? An explicit property wins; otherwise the default formula whose cap sits
    // just above the physicalBytes seen at failure (JavaCPP reports physicalBytes after its GC retries,
    // so it is at or a little below the cap).
    let capText: string;
    if (explicitCap) {
      const { bytes, percentOfMaxMemory } = explicitCap.value;
      const cap = bytes ?? (percentOfMaxMemory !== undefined && maxMemory !== undefined ? (maxMemory * percentOfMaxMemory) / 100 : undefined);
      capText = `maxPhysicalBytes is set explicitly (${explicit!.option.value})${cap !== undefined ? `: ${bytes === 0 ? 'the check is off' : formatBytes(cap)}` : ''}`;
      if (cap !== undefined) factsOut.maxPhysicalBytes = Math.round(cap);
    } else if (maxMemory !== undefined && xmx) {
      const caps = CAP_FORMULAS.map((f) => ({ f, cap: f.cap(maxMemory) }));
      const fits = peak !== undefined ? caps.find((c) => peak <= c.cap * 1.02 && peak >= c.cap * 0.85) : undefined;
      const list = caps.map((c) => `${formatBytes(c.cap, 2)} (${c.f.name}, ${c.f.versions})`).join(' or ');
      capText =
        `with ${xmx.ref.excerpt.match(/-Xmx\S+|-XX:MaxHeapSize=\S+/)?.[0]?.replace(/["']/g, '') ?? `a ${formatBytes(xmx.value)} heap`} (Runtime.maxMemory() ≈ ${formatBytes(maxMemory, 2)}) the default cap is ${list}` +
        (fits ? `; the failure at ${formatBytes(peak!, 2)} fits the ${formatBytes(fits.cap, 2)} cap, so this is ${fits.f.versions}` : '');
      if (fits) {
        factsOut.maxPhysicalBytes = Math.round(fits.cap);
        factsOut.capFormula = fits.f.name;
      }
    } else {
      capText = 'its default cap is 2 × Runtime.maxMemory() (JavaCPP 1.2.4–1.5.5) or maxBytes + 3 × maxMemory (1.5.6+), i.e. derived from -Xmx';
    }
    lines.push(capText);

    // A reproduction with its own "physicalBytes (X) > maxPhysicalBytes (Y)" tells us the formula too.
    const repro = physicalHits.filter((h) => h.hit.id === 'javacpp-physical-bytes' && typeof h.hit.values.maxPhysicalBytes === 'number');
    const reproNotes = repro.slice(0, 2).map((h) => {
      const cap = h.hit.values.maxPhysicalBytes as number;
      const phys = h.hit.values.physicalBytes as number | undefined;
      const heaps = CAP_FORMULAS.map((f) => `${formatBytes(f.name.startsWith('2') ? cap / 2 : cap / 4)} under ${f.name}`).join(', ');
      return `${h.file}:${h.hit.line} — physicalBytes ${phys !== undefined ? formatBytes(phys) : '?'} > maxPhysicalBytes ${formatBytes(cap)}: that cap implies Runtime.maxMemory() ≈ ${heaps}. A JVM with a ~100 MB heap easily has more than 188 MB resident (metaspace, code cache, thread stacks), so that run hit the same whole-process cap, not a young-generation shortage.`;
    });

    const rssText = facts.javaRss ? `The JVM's resident memory is ${formatBytes(facts.javaRss.value)} (${facts.javaRss.ref.file}:${facts.javaRss.ref.line}).` : '';
    const summary =
      `JavaCPP refused a native allocation because the whole process's resident memory` +
      (peak !== undefined ? ` (physicalBytes = ${formatBytes(peak)})` : '') +
      ` reached its maxPhysicalBytes cap — not because the Java heap was full. ${capitalize(capText)}. ${rssText}`.trimEnd();

    const suggested = suggestCap(facts);
    const recommendations: Recommendation[] = [
      {
        action: 'Set JavaCPP\'s cap explicitly, sized to the machine or container',
        detail:
          `The default follows -Xmx, so raising -Xmx "fixed" the error only by raising this cap (and the heap with it). ` +
          `Give the process an explicit budget instead${suggested ? `: ${suggested.why}` : ''}, or 0 to switch the check off and rely on the container limit. ` +
          `JavaCPP releases before 1.5 read the lower-case property name (org.bytedeco.javacpp.maxphysicalbytes); setting both is harmless.`,
        flags: [`-D${JAVACPP_PROPERTY.maxPhysicalBytes}=${suggested?.value ?? '<bytes, e.g. 12g>'}`],
      },
      {
        action: 'Free native memory deterministically',
        detail:
          'JavaCPP frees a Pointer\'s native memory only when the Pointer is garbage-collected, unless the code closes it. Wrap native work in try-with-resources ' +
          '(`try (IntPointer p = new IntPointer(n)) { … }`) or a `PointerScope`, so resident memory does not depend on when the GC runs.',
      },
      {
        action: 'Watch the process RSS, not just the heap',
        detail:
          'Alert on the process\'s resident memory (/proc/<pid>/status VmRSS, container memory usage) and log Pointer.physicalBytes()/Pointer.totalBytes() from JavaCPP. ' +
          'Native Memory Tracking (-XX:NativeMemoryTracking=summary) shows the JVM\'s own areas; JavaCPP\'s mallocs appear only as the gap between NMT\'s total and RSS.',
      },
    ];
    if (maxBytesHits.length) recommendations.push(maxBytesRecommendation());

    return void report({
        severity: 'critical',
        title: "JavaCPP's native-allocation cap, not the Java heap, is failing requests",
        summary,
        evidence,
        explanation: [
          'physicalBytes is JavaCPP\'s reading of the whole process\'s resident set size: Java heap + metaspace + code cache + thread stacks + every native allocation (JavaCPP\'s own, JNI libraries, direct buffers, malloc arenas).',
          'Before each native allocation JavaCPP compares it with maxPhysicalBytes; above it, JavaCPP calls System.gc() up to 10 times, 100 ms apart, hoping collected Pointers free native memory, and then throws OutOfMemoryError — even though the heap may be half empty and the host has free RAM.',
          ...reproNotes,
        ].join('\n'),
        recommendations,
        facts: factsOut,
      });
  },
});

function suggestCap(facts: Facts): { value: string; why: string } | undefined {
  const rss = facts.javaRss?.value;
  if (facts.containerLimit) {
    const v = Math.floor((facts.containerLimit.value * 0.9) / GB);
    if (v > 0) return { value: `${v}g`, why: `${v}g is 90 % of the container's ${formatBytes(facts.containerLimit.value)} limit` };
  }
  if (rss) {
    let v = Math.ceil((rss * 1.5) / GB);
    const host = facts.host?.totalBytes;
    if (host) v = Math.min(v, Math.floor((host * 0.75) / GB));
    if (v > 0) return { value: `${v}g`, why: `${v}g is about 1.5 × today's ${formatBytes(rss)} RSS${host ? `, within 75 % of the host's ${formatBytes(host)}` : ''}` };
  }
  return undefined;
}

function maxBytesRecommendation(): Recommendation {
  return {
    action: 'Raise or disable JavaCPP\'s maxBytes',
    detail: 'maxBytes caps the native memory JavaCPP itself has allocated and not yet freed (totalBytes); it defaults to Runtime.maxMemory().',
    flags: [`-D${JAVACPP_PROPERTY.maxBytes}=<bytes, or 0 to disable>`],
  };
}

function maxBytesFinding(hits: Facts['errors'], evidence: EvidenceRef[], facts: Facts): FindingDraft {
  const h = hits[0].hit;
  return {
    severity: 'critical',
    title: "JavaCPP's maxBytes limit refused a native allocation",
    summary: `JavaCPP already tracks ${typeof h.values.totalBytes === 'number' ? formatBytes(h.values.totalBytes) : 'its limit of'} native memory it allocated and not yet freed, and maxBytes${typeof h.values.maxBytes === 'number' ? ` (${formatBytes(h.values.maxBytes)})` : ''} forbids more.${facts.heapMaxBytes ? ` maxBytes defaults to Runtime.maxMemory(), i.e. about -Xmx (${formatBytes(facts.heapMaxBytes.value)}).` : ''}`,
    evidence,
    explanation: 'Native memory held by JavaCPP Pointers is released when they are closed or garbage-collected. If the code never closes them, the total grows until maxBytes; JavaCPP then calls System.gc() a few times and gives up with OutOfMemoryError.',
    recommendations: [
      maxBytesRecommendation(),
      { action: 'Close Pointers deterministically', detail: 'Use try-with-resources or PointerScope so native memory is freed when the work is done, not when the GC runs.' },
    ],
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
