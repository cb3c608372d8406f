// Secrets never reach the bundle: every text is redacted before it is written (issue 14's list):
// -D…password|secret|token|key|credential…=, --…password=, URLs with user:pass@ (JDBC and others),
// Authorization headers, AWS access keys, keystore/truststore passwords (as -D options or XML
// attributes such as Tomcat's keystorePass="…"), and environment variables with such names.
// Two layers: patterns find secrets where they sit in a known shape, and every secret value found that
// way (in the command line, environment, hsperfdata) is then also removed wherever else it shows up
// verbatim — a password echoed in a log, a command line cut by `top`, a thread name.
// The manifest lists what was redacted by name and file, never the value.

export const REDACTED = '***';

/** Names of options, properties and variables whose value is a secret. */
const SECRET_NAME = /pass(?:word|wd|phrase)?|pwd|secret|token|credential|private[-_.]?key|api[-_.]?key|access[-_.]?key|(?:^|[-_.])(?:auth|key)(?:$|[-_.])|authori[sz]ation|session[-_.]?id|cookie/i;

export function isSecretName(name: string): boolean {
  // Paths to key stores and the like are not secrets themselves.
  if (/(?:key|trust)store(?:type|file|path|provider)?$|keystore\.type|keyalias|key[-_.]?alias$/i.test(name) && !/pass/i.test(name)) return false;
  return SECRET_NAME.test(name);
}

export interface Redaction {
  /** The option, variable or pattern name, e.g. "-Ddb.password", "env AWS_SECRET_ACCESS_KEY", "URL credentials". */
  name: string;
  file: string;
  count: number;
}

interface Rule {
  what: (m: RegExpExecArray) => string | undefined;
  re: RegExp;
  /** Returns the replacement and the secret value (to be removed elsewhere too), or undefined to keep the match. */
  replace: (m: RegExpExecArray) => { text: string; secret?: string } | undefined;
}

const RULES: Rule[] = [
  {
    // -Dname=value (in a command line, JAVA_OPTS, VM.command_line, hsperfdata java.rt.vmArgs), quoted or not.
    re: /(-D([\w.\-]+)=)("[^"]*"|'[^']*'|[^\s"']*)/g,
    what: (m) => `-D${m[2]}`,
    replace: (m) => (isSecretName(m[2]) && m[3] !== '' && !m[3].includes(REDACTED) ? { text: m[1] + REDACTED, secret: unquote(m[3]) } : undefined),
  },
  {
    // --name=value / --name value is too ambiguous; --name=value only.
    re: /(--([\w.\-]+)=)("[^"]*"|'[^']*'|[^\s"']*)/g,
    what: (m) => `--${m[2]}`,
    replace: (m) => (isSecretName(m[2]) && m[3] !== '' && !m[3].includes(REDACTED) ? { text: m[1] + REDACTED, secret: unquote(m[3]) } : undefined),
  },
  {
    // scheme://user:password@host (jdbc:postgresql://u:p@h, mongodb://, amqp://, https:// …).
    re: /([a-z][\w+.\-]*:\/\/[^\s:/@"'<>]+:)([^\s@/"'<>]+)(@)/gi,
    what: () => 'URL credentials (user:password@)',
    replace: (m) => (m[2] === REDACTED ? undefined : { text: m[1] + REDACTED + m[3], secret: m[2] }),
  },
  {
    // JDBC properties in the URL: ;password=…; / ?password=…&
    re: /([;?&](\w*(?:password|passwd|pwd|secret|token)\w*)=)([^;&\s"']+)/gi,
    what: (m) => `URL parameter ${m[2]}`,
    replace: (m) => (m[3] === REDACTED ? undefined : { text: m[1] + REDACTED, secret: m[3] }),
  },
  {
    re: /((?:Proxy-)?Authorization\s*[:=]\s*)(?:(Bearer|Basic|Digest|Negotiate|token)\s+)?([^\s"',]+)/gi,
    what: () => 'Authorization header',
    replace: (m) => (m[3] === REDACTED ? undefined : { text: m[1] + (m[2] ? m[2] + ' ' : '') + REDACTED, secret: m[3] }),
  },
  {
    re: /\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/g,
    what: () => 'AWS access key id',
    replace: (m) => ({ text: m[1].slice(0, 4) + REDACTED, secret: m[1] }),
  },
  {
    // XML / properties attributes: keystorePass="…", password='…' (Tomcat server.xml, context.xml).
    re: /(\b([\w.\-]*(?:pass(?:word)?|secret|token|credential)[\w.\-]*)\s*=\s*)("[^"]*"|'[^']*')/gi,
    what: (m) => m[2],
    replace: (m) => (unquote(m[3]) === '' || m[3].includes(REDACTED) || !isSecretName(m[2]) ? undefined : { text: m[1] + m[3][0] + REDACTED + m[3][0], secret: unquote(m[3]) }),
  },
  {
    // NAME=value at a line start or after export/set/spaces: environment, setenv.sh, .properties, logs.
    re: /((?:^|[\s;",\[])(?:export\s+|set\s+)?([A-Za-z_][\w.\-]*)\s*=\s*)("[^"\n]*"|'[^'\n]*'|[^\s"';,\]]+)/gm,
    what: (m) => m[2],
    replace: (m) => (isSecretName(m[2]) && unquote(m[3]) !== '' && !m[3].includes(REDACTED) && !m[3].startsWith('$') ? { text: m[1] + REDACTED, secret: unquote(m[3]) } : undefined),
  },
  {
    // "password: value" in YAML and logs.
    re: /(\b([\w.\-]*(?:password|passwd|secret|token|credential)[\w.\-]*)\s*:\s+)([^\s"',}]+)/gi,
    what: (m) => m[2],
    replace: (m) => (m[3] === REDACTED || !isSecretName(m[2]) ? undefined : { text: m[1] + REDACTED, secret: m[3] }),
  },
];

function unquote(v: string): string {
  return (v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")) ? v.slice(1, -1) : v;
}

/** Secret values shorter than this are not hunted verbatim (a 2-letter value would shred the text). */
const MIN_LITERAL = 4;

export class Redactor {
  readonly redactions: Redaction[] = [];
  private readonly secrets = new Set<string>();

  /** Remember secret values seen elsewhere (e.g. learned from the command line) so they are removed everywhere. */
  learn(text: string): void {
    this.apply(text, undefined);
  }

  redact(text: string, file: string): string {
    return this.apply(text, file);
  }

  private apply(text: string, file: string | undefined): string {
    let out = text;
    const counts = new Map<string, number>();
    for (const rule of RULES) {
      out = out.replace(rule.re, (...args) => {
        const m = args.slice(0, -2) as unknown as RegExpExecArray;
        const r = rule.replace(m);
        if (!r) return m[0];
        if (r.secret && r.secret.length >= MIN_LITERAL) this.secrets.add(r.secret);
        const name = rule.what(m) ?? 'secret';
        counts.set(name, (counts.get(name) ?? 0) + 1);
        return r.text;
      });
    }
    // Longest first, so a secret containing another is removed whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) {
      if (!out.includes(s)) continue;
      const n = out.split(s).length - 1;
      out = out.split(s).join(REDACTED);
      counts.set('a secret value seen elsewhere (verbatim)', (counts.get('a secret value seen elsewhere (verbatim)') ?? 0) + n);
    }
    if (file !== undefined) {
      for (const [name, count] of counts) this.redactions.push({ name, file, count });
    }
    return out;
  }

  /** For a final check: does this text still hold a secret value learned so far? */
  leaks(text: string): boolean {
    for (const s of this.secrets) if (text.includes(s)) return true;
    return false;
  }
}
