// Java stack frames as logs print them → one canonical "pkg.Class.method(File.java:N)".
//
// Reference: java.lang.Throwable.printStackTrace ("\tat " + StackTraceElement.toString(), "\t... N more",
// "Caused by: ", "\tSuppressed: "); StackTraceElement.toString() since JDK 9 prefixes the class loader
// and module ("app//", "java.base/", "java.base@17.0.2/"); Logback's extended converter appends
// packaging data (" ~[spring-web-5.3.1.jar:5.3.1]") and writes "... 42 common frames omitted". The seed
// write-up has "at a.B.c (File.java:N)" with a space before the parenthesis.

const PACKAGING = /\s+~?\[[^\]]*\]$/;
const LOADER_MODULE = /^(?:[\w$.-]*\/)?(?:[\w$.-]+(?:@[\w.+-]*)?)?\/(?=[A-Za-z_$][\w$]*\.)/;

/** "\tat java.base/java.lang.Thread.run (Thread.java:833) ~[na:na]" → "java.lang.Thread.run(Thread.java:833)". */
export function normaliseFrame(line: string): string {
  let s = line.trim();
  if (s.startsWith('at ')) s = s.slice(3).trimStart();
  s = s.replace(PACKAGING, '');
  const paren = s.indexOf(' (');
  if (paren > 0 && s.indexOf('(') === paren + 1) s = s.slice(0, paren) + s.slice(paren + 1);
  return s.replace(LOADER_MODULE, '');
}

/** True for a line that is a frame: optional indent, "at ", then something with "(". */
export function isFrameLine(text: string): boolean {
  let i = 0;
  while (text.charCodeAt(i) === 9 || text.charCodeAt(i) === 32) i++;
  return text.startsWith('at ', i) && text.indexOf('(', i + 3) > 0;
}
