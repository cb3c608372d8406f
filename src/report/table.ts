// Fixed-width text tables (the memory budget, jstat readings) that line up in a terminal, including
// CJK text, which takes two columns per character.

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

export function renderTable(columns: string[], rows: (string | number)[][], indent = ''): string[] {
  const cells = [columns, ...rows.map((r) => r.map(String))];
  const widths = columns.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  const numeric = columns.map((_, i) => rows.every((r) => typeof r[i] === 'number' || /^[-\d.,]+\s*[%A-Za-z]*$/.test(String(r[i] ?? ''))));
  const fmt = (r: string[]) =>
    indent +
    r
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i] - displayWidth(c)));
        return numeric[i] && i > 0 ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  return [fmt(cells[0]), indent + widths.map((w) => '─'.repeat(w)).join('  '), ...cells.slice(1).map(fmt)];
}
