// JVM internal class names → Java source form, as the issue asks: `[B` → `byte[]`,
// `[[I` → `int[][]`, `[Ljava/util/HashMap$Node;` → `java.util.HashMap$Node[]`, `java/lang/String` →
// `java.lang.String`. (JVMS §4.3.2 field descriptors.)

const PRIMITIVE: Record<string, string> = {
  Z: 'boolean', B: 'byte', C: 'char', S: 'short', I: 'int', J: 'long', F: 'float', D: 'double',
};

export function javaClassName(jvmName: string): string {
  let dims = 0;
  while (jvmName[dims] === '[') dims++;
  if (dims === 0) return jvmName.replace(/\//g, '.');
  const rest = jvmName.slice(dims);
  let base: string;
  if (rest.length === 1 && PRIMITIVE[rest]) base = PRIMITIVE[rest];
  else if (rest.startsWith('L') && rest.endsWith(';')) base = rest.slice(1, -1).replace(/\//g, '.');
  else base = rest.replace(/\//g, '.'); // some dumps write `[java.lang.Object` style names
  return base + '[]'.repeat(dims);
}
