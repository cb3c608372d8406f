// Telling a throwable the JVM reported from text that merely names its class. A log line may name
// java.lang.OutOfMemoryError in a metric ("metrics: java.lang.OutOfMemoryError count=0"), a JSON field
// ({"className":"java.lang.OutOfMemoryError"}), a flag (-XX:OnOutOfMemoryError=…), javap or
// -Xlog:class+load output, a class histogram row or a grep of Java source ("throw new
// OutOfMemoryError(…)"): none of them is an error that happened.
//
// Reference: java.lang.Throwable.toString() — `getClass().getName()` followed, when the message is not
// null, by ": " and the message; that is what printStackTrace's first line, "Caused by: …",
// "Exception in thread "t" …" (ThreadGroup.uncaughtException), -XX:+ExitOnOutOfMemoryError's
// "Terminating due to java.lang.OutOfMemoryError: …" (HotSpot debug.cpp report_java_out_of_memory)
// and every logger's "… threw exception [" + e + "]" or "nested exception is " + e print. So a class
// name is a report when it is followed by ": " (a message), or — a throwable with a null message — when
// it ends the text (or a bracket/JSON escape) and stands where a throwable is printed: alone, after
// "Caused by:", a thread's name, "due to", "exception is", a "[" or a logger's ":" / "-" separator.

/** The name is followed by its message: Throwable.toString's ": ". A bare ":" at the end is an empty message. */
function messageFollows(text: string, end: number): boolean {
  if (text.charCodeAt(end) !== 58 /* : */) return false;
  const next = text.charCodeAt(end + 1);
  return Number.isNaN(next) || next === 32 || next === 9;
}

/** Nothing but the end of the printed throwable follows: end of text, "]" (a logger's "[e]"), or a JSON-escaped line break / tab. */
function nothingFollows(text: string, end: number): boolean {
  return /^(?:\s*$|\]|\\[nrt])/.test(text.slice(end, end + 64));
}

/** What may stand just before a message-less throwable: see the header comment. */
const THROWABLE_POSITION = /(?:^|Caused by:|Suppressed:|thread "[^"]*"|\bdue to|\bexception is|\[|[:\-|]|\\[nt])\s*$/;

/**
 * Whether text[start, end) — a throwable class name found in `text` — is a throwable the JVM printed
 * (Throwable.toString), not a mention of the class.
 */
export function isReportedThrowable(text: string, start: number, end: number): boolean {
  // Part of a longer identifier: "-XX:+HeapDumpOnOutOfMemoryError", "OutOfMemoryErrorCount".
  if (isIdentifierChar(text.charCodeAt(end)) || isIdentifierChar(text.charCodeAt(start - 1))) return false;
  if (messageFollows(text, end)) return true;
  if (!nothingFollows(text, end)) return false;
  // The package before a simple name ("java.lang." before "OutOfMemoryError") is part of the name.
  let s = start;
  while (s > 0 && text.charCodeAt(s - 1) === 46) {
    s--;
    while (s > 0 && isIdentifierChar(text.charCodeAt(s - 1))) s--;
  }
  return THROWABLE_POSITION.test(text.slice(Math.max(0, s - 80), s));
}

function isIdentifierChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}
