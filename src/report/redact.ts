// `--redact`: a copy of the report document that can be pasted into a ticket outside the team. It
// leaves out what identifies a machine or a deployment — host names, IP addresses, URLs, file system
// paths (the file's own name is kept: "…/catalina.out" still says which evidence it is), the values
// of -D system properties in evidence lines, and the heap dump's system properties — and keeps every
// number, class name and fix. The document's shape does not change, so any renderer can use it.

import type { ReportDocument } from '../model/document.js';

const URL_RE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>)\]]+/gi;
// Absolute POSIX paths of two segments or more, not inside a word, a dotted name or a URL
// ("java/lang/String" and "a.b/c" stay); the last segment is kept.
const POSIX_PATH = /(?<![\w.:/~-])(?:~|\.{1,2})?(?:\/[\w.@%+,=-]+){2,}\/?/g;
const WINDOWS_PATH = /\b[A-Za-z]:\\(?:[^\\\s"'<>|:*?]+\\)*[^\\\s"'<>|:*?]*/g;
const IPV4 = /(?<![\d.])(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?![\d.])/g;
const IPV6 = /(?<![\w:])(?:[0-9a-f]{1,4}:){4,7}[0-9a-f]{1,4}(?![\w:])/gi;
// Host names end in a top-level domain; Java package names start with one ("org.apache…"), so the
// anchor on the end keeps class names intact.
const FQDN = /\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|net|org|io|dev|app|cloud|local|localdomain|internal|lan|corp|intra|svc|cn|de|fr|uk|us|eu|jp|ru|in|br|nl|it|es|se|ch|au|ca)(?![\w.-])/gi;
// Shell prompts and user@host forms: "[root@web-01 ~]#", "deploy@build7:".
const AT_HOST = /@([A-Za-z0-9][A-Za-z0-9-]{0,62})(?=[\s:\]])/g;
const SYSTEM_PROPERTY = /(-D[\w.$-]+)=("[^"]*"|'[^']*'|\S+)/g;

function lastSegment(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.length ? `…/${parts[parts.length - 1]}` : '…';
}

export function redactText(s: string, opts: { systemProperties?: boolean } = {}): string {
  let t = s.replace(URL_RE, '<url>');
  if (opts.systemProperties) t = t.replace(SYSTEM_PROPERTY, '$1=<redacted>');
  return t
    .replace(WINDOWS_PATH, (p) => lastSegment(p))
    .replace(POSIX_PATH, (p) => lastSegment(p))
    .replace(IPV4, '<ip>')
    .replace(IPV6, '<ip>')
    .replace(FQDN, '<host>')
    .replace(AT_HOST, '@<host>');
}

/** Keys whose strings are ours, not the user's: fixes, ids, class names. */
const KEEP = new Set(['ruleId', 'severity', 'tier', 'kind', 'code', 'unit', 'type', 'key', 'flags', 'objectId', 'className', 'command', 'schemaVersion', 'tool', 'collector', 'encoding', 'generatedAt', 'level', 'x', 'style']);
/** Evidence lines and input notes are the user's text: -D values are left out there too. */
const USER_TEXT = new Set(['excerpt', 'notes', 'text', 'reason', 'section', 'stack']);

function walk(v: unknown, key: string | undefined, userText: boolean): unknown {
  if (typeof v === 'string') return redactText(v, { systemProperties: userText });
  if (Array.isArray(v)) return v.map((x) => walk(x, key, userText));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'systemProperties') continue;
      out[k] = KEEP.has(k) ? x : walk(x, k, userText || USER_TEXT.has(k));
    }
    return out;
  }
  return v;
}

export function redactDocument(doc: ReportDocument): ReportDocument {
  return walk(doc, undefined, false) as ReportDocument;
}
