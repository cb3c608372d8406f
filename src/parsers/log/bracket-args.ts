// Tomcat's messages put every MessageFormat argument inside [brackets], in every translation
// (LocalStrings*.properties: "web application [{0}] … thread named [{1}]"). Reading the bracketed runs
// therefore works whatever the language of the surrounding text. Arguments may themselves hold
// brackets (an Elasticsearch thread is "elasticsearch[_client_][generic][T#3]", printed as
// "[elasticsearch[_client_][generic][T#3]]"), and copy-pasted or cut lines leave them unbalanced
// ("[client_][generic][T#3]]", or a value whose closing bracket never comes).

export interface BracketArg {
  /** The argument text, repaired to balanced brackets where the line was cut or mangled. */
  value: string;
  /** Index of the opening "[" in the message, and just past the run's end. */
  start: number;
  end: number;
  /** The brackets did not balance (cut or mangled line): value is a best-effort reading. */
  broken: boolean;
}

/** Text that ends an unclosed argument: CJK / full-width text or "), " after it (the template resumed). */
const UNCLOSED_END = /[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]|\)[,，]|\)\s*$/;

/**
 * Reads the bracketed runs of a message. Adjacent groups ("[a][b]") belong to one argument —
 * no Tomcat template puts two arguments back to back — and stray "]" right after a run are absorbed.
 */
export function bracketArgs(msg: string, max = 12): BracketArg[] {
  const args: BracketArg[] = [];
  const n = msg.length;
  let i = msg.indexOf('[');
  while (i >= 0 && args.length < max) {
    let depth = 0;
    let k = i;
    let closed = false;
    let broken = false;
    for (; k < n; k++) {
      const c = msg.charCodeAt(k);
      if (c === 91) depth++;
      else if (c === 93) {
        depth--;
        if (depth === 0) {
          if (msg.charCodeAt(k + 1) === 91) continue; // "[a][b]": the same argument goes on
          // "…[T#3]]": more closers than openers — the start of the argument was lost.
          while (msg.charCodeAt(k + 1) === 93) {
            k++;
            broken = true;
          }
          closed = true;
          break;
        }
      }
    }
    let value: string;
    let end: number;
    if (closed) {
      value = msg.slice(i + 1, k);
      end = k + 1;
    } else {
      // Never closed: the line was cut, or the template lost its "]" (zh_CN checkThreadLocalsForLeaks
      // prints "（值为[{4}），…"). Stop where the template's own text resumes.
      broken = true;
      const rest = msg.slice(i + 1);
      const stop = UNCLOSED_END.exec(rest);
      value = stop ? rest.slice(0, stop.index) : rest;
      end = stop ? i + 1 + stop.index : n;
    }
    const repaired = balance(value);
    if (repaired !== value) broken = true;
    args.push({ value: repaired.trim(), start: i, end, broken });
    i = msg.indexOf('[', end);
  }
  return args;
}

/** Adds the "[" lost before unmatched "]" and the "]" missing after unmatched "[". */
export function balance(value: string): string {
  let depth = 0;
  let missingOpen = 0;
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if (c === 91) depth++;
    else if (c === 93) {
      if (depth === 0) missingOpen++;
      else depth--;
    }
  }
  if (missingOpen === 0 && depth === 0) return value;
  return '['.repeat(missingOpen) + value + ']'.repeat(depth);
}
