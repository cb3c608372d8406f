// Byte quantities: parsing the many spellings JVM tools use and printing them for people.

const UNIT = 1024;

/** 1536 → "1.5 KB"; binary multiples, the JVM's own convention (-Xmx4g = 4 × 1024³). */
export function formatBytes(bytes: number, digits = 1): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? '-' : '';
  let v = Math.abs(bytes);
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  while (v >= UNIT && i < units.length - 1) {
    v /= UNIT;
    i++;
  }
  const text = i === 0 ? String(Math.round(v)) : v.toFixed(v >= 100 ? 0 : digits).replace(/\.0+$/, '');
  return `${sign}${text} ${units[i]}`;
}

const SUFFIX: Record<string, number> = {
  '': 1, b: 1,
  k: UNIT, kb: UNIT, kib: UNIT,
  m: UNIT ** 2, mb: UNIT ** 2, mib: UNIT ** 2,
  g: UNIT ** 3, gb: UNIT ** 3, gib: UNIT ** 3,
  t: UNIT ** 4, tb: UNIT ** 4, tib: UNIT ** 4,
  p: UNIT ** 5, pb: UNIT ** 5, pib: UNIT ** 5,
};

/**
 * Parses "4096m", "4g", "1.5G", "512K", "7775M", "1073741824" (binary multiples, case-insensitive;
 * decimal commas accepted as in `free -h` under some locales). Returns undefined when it is not a size.
 */
export function parseBytes(text: string): number | undefined {
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*([kmgtp]?i?b?)\s*$/i.exec(text);
  if (!m) return undefined;
  const factor = SUFFIX[m[2].toLowerCase()];
  if (factor === undefined) return undefined;
  return Math.round(parseFloat(m[1].replace(',', '.')) * factor);
}

export const KB = UNIT;
export const MB = UNIT ** 2;
export const GB = UNIT ** 3;
