// HotSpot's size syntax for -Xmx, -Xss, -XX:MaxMetaspaceSize=…: digits with an optional k/m/g/t
// suffix (binary multiples, case-insensitive), no fractions, no "b". Reference: HotSpot
// src/hotspot/share/runtime/arguments.cpp, Arguments::atojulong.

export function parseJvmSize(text: string): number | undefined {
  const m = /^(\d+)([kKmMgGtT]?)$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const shift = { '': 0, k: 1, m: 2, g: 3, t: 4 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return n * 1024 ** shift;
}
