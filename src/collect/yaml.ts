// A JSON value as YAML (the block style `kubectl get -o yaml` prints), so a pod fetched as JSON is
// bundled in the shape the kubernetes parser reads. Strings that YAML would read as something else
// are quoted with JSON escapes (valid YAML double-quoted scalars).

const PLAIN = /^[A-Za-z_/.][\w ./:@+-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|~|-?\d[\d._eE+-]*)$/i;

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = String(v);
  return PLAIN.test(s) && !RESERVED.test(s) && !/: |\s$|^\s| #/.test(s) ? s : JSON.stringify(s);
}

export function toYaml(v: unknown, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    if (v.length === 0) return `${pad}[]\n`;
    return v.map((item) => {
      if (item !== null && typeof item === 'object' && Object.keys(item).length > 0) {
        const body = toYaml(item, indent + 2);
        return `${pad}- ${body.slice(indent + 2)}`;
      }
      return `${pad}- ${isEmptyObject(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)}\n`;
    }).join('');
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return `${pad}{}\n`;
    return entries.map(([k, val]) => {
      const key = scalar(k);
      if (val !== null && typeof val === 'object' && !isEmptyObject(val)) {
        return Array.isArray(val) ? `${pad}${key}:\n${toYaml(val, indent)}` : `${pad}${key}:\n${toYaml(val, indent + 2)}`;
      }
      return `${pad}${key}: ${isEmptyObject(val) ? (Array.isArray(val) ? '[]' : '{}') : scalar(val)}\n`;
    }).join('');
  }
  return `${pad}${scalar(v)}\n`;
}

function isEmptyObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && Object.keys(v as object).length === 0;
}
