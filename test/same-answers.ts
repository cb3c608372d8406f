// "Same answers": what a report says, normalised so that two builds (or schemaVersion 1 and 2) can be
// compared — finding ids, severities, titles, summaries, evidence lines and fixes; the files read and
// not used. Layout (tables, order of equal-ranked findings, timing) is left out on purpose: it is
// what the renderers and the ranking are allowed to change.

export interface SaidFinding {
  ruleId: string;
  severity: string;
  title: string;
  summary: string;
  evidence: string[];
  fixes: string[];
}

export interface Said {
  inputs: string[];
  unused: string[];
  findings: SaidFinding[];
}

interface AnyReport {
  inputs: { file: string; kind: string }[];
  unused: { file: string; reason: string }[];
  findings: {
    ruleId: string;
    severity: string;
    title: string;
    summary: string;
    evidence: { file: string; line?: number; excerpt: string }[];
    recommendations: { action: string; detail: string; flags?: string[] }[];
  }[];
}

/** Reads a report JSON of either schema version; `root` is stripped from paths (temp folders differ run to run). */
export function whatItSays(json: string, root?: string): Said {
  const r = JSON.parse(json) as AnyReport;
  const rel = (s: string) => (root ? s.split(root).join('<root>') : s);
  const findings = r.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    title: rel(f.title),
    summary: rel(f.summary),
    evidence: f.evidence.map((e) => rel(`${e.file}${e.line !== undefined ? `:${e.line}` : ''} ${e.excerpt}`)),
    fixes: f.recommendations.map((x) => rel(`${x.action} — ${x.detail}${x.flags?.length ? ` [${x.flags.join(' ')}]` : ''}`)),
  }));
  const key = (f: SaidFinding) => `${f.severity} ${f.ruleId} ${f.title}`;
  findings.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return {
    inputs: r.inputs.map((i) => rel(`${i.file} ${i.kind}`)).sort(),
    unused: r.unused.map((u) => rel(`${u.file}: ${u.reason}`)).sort(),
    findings,
  };
}

/** The rule ids and severities alone, sorted: what a scenario (whose numbers vary run to run) must keep saying. */
export function verdicts(json: string): string[] {
  return whatItSays(json).findings.map((f) => `${f.severity} ${f.ruleId}`).sort();
}
