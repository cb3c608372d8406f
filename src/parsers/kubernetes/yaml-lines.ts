// A minimal, streaming YAML reader for Kubernetes manifests: block mappings and sequences by indentation,
// plain/quoted scalars, `|`/`>` block scalars, comments and `---` document breaks. It reports each scalar
// with its path (["spec", "template", "spec", "containers", 0, "resources", "limits", "memory"]) and line.
// Not a general YAML parser: flow collections ({…}, […]), anchors and multi-line plain scalars are
// reported as raw text or skipped. Reference: YAML 1.2 spec §8 (block collections, block scalars).

export type YamlPath = (string | number)[];

export interface YamlScalar {
  path: YamlPath;
  value: string;
  line: number;
  text: string;
  /** Index of the document in a multi-document stream (`---`), from 0. */
  doc: number;
}

interface Frame {
  indent: number;
  /** A mapping key whose value is a nested block, or a sequence item (number). */
  key: string | number;
  /** For keys: how many sequence items were opened under it. */
  items: number;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"][^:#]*?)\s*:(?:\s+(.*))?$/;

function unquote(v: string): string {
  const t = v.trim();
  if (t.startsWith('"') && t.endsWith('"') && t.length >= 2) return t.slice(1, -1).replace(/\\"/g, '"').replace(/\\\\/g, '\\').replace(/\\n/g, '\n');
  if (t.startsWith("'") && t.endsWith("'") && t.length >= 2) return t.slice(1, -1).replace(/''/g, "'");
  return t.replace(/\s+#.*$/, '');
}

export class YamlLineReader {
  private stack: Frame[] = [];
  private doc = 0;
  private emitted = false;
  private block: { path: YamlPath; indent: number; parts: string[]; folded: boolean; line: number; text: string; minIndent?: number } | undefined;

  constructor(private readonly onScalar: (s: YamlScalar) => void) {}

  line(raw: string, lineNo: number): void {
    const text = raw.replace(/\t/g, '  ');
    if (this.block) {
      const indent = text.length - text.trimStart().length;
      if (text.trim() === '' || indent > this.block.indent) {
        if (text.trim() !== '') this.block.parts.push(text.trim());
        return;
      }
      this.flushBlock();
    }
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (/^---(\s|$)/.test(trimmed) || trimmed === '...') {
      if (this.emitted) this.doc++;
      this.emitted = false;
      this.stack = [];
      return;
    }
    let indent = text.length - text.trimStart().length;
    let content = trimmed;
    // "- item" opens a sequence item at this indent; its content sits two columns further in.
    while (content.startsWith('- ') || content === '-') {
      this.popTo(indent, true);
      const top = this.stack[this.stack.length - 1];
      if (top && top.indent === indent && typeof top.key === 'number') {
        this.stack.pop();
        const parent = this.stack[this.stack.length - 1];
        const index = parent ? parent.items++ : (top.key as number) + 1;
        this.stack.push({ indent, key: index, items: 0 });
      } else {
        const index = top ? top.items++ : 0;
        this.stack.push({ indent, key: index, items: 0 });
      }
      const rest = content.slice(1);
      const pad = rest.length - rest.trimStart().length;
      indent += 1 + pad;
      content = rest.trimStart();
      if (content === '') return;
    }
    const m = KEY.exec(content);
    if (!m) {
      // A bare scalar sequence item ("- -Xmx2g").
      const top = this.stack[this.stack.length - 1];
      if (top && typeof top.key === 'number') this.emit([...this.path()], unquote(content), lineNo, raw);
      return;
    }
    this.popTo(indent, false);
    const key = unquote(m[1]);
    const value = m[2]?.trim() ?? '';
    if (value === '' || value.startsWith('#')) {
      this.stack.push({ indent, key, items: 0 });
      return;
    }
    if (/^[|>][+-]?\d*\s*(#.*)?$/.test(value)) {
      this.block = { path: [...this.path(), key], indent, parts: [], folded: value.startsWith('>'), line: lineNo, text: raw };
      return;
    }
    this.emit([...this.path(), key], unquote(value), lineNo, raw);
  }

  finish(): void {
    if (this.block) this.flushBlock();
  }

  private flushBlock(): void {
    const b = this.block!;
    this.block = undefined;
    this.emit(b.path, b.parts.join(b.folded ? ' ' : '\n'), b.line, b.text);
  }

  /** Closes frames that end before a line at `indent`; a dash line keeps a key at its own indent open. */
  private popTo(indent: number, dash: boolean): void {
    while (this.stack.length > 0) {
      const top = this.stack[this.stack.length - 1];
      if (top.indent > indent) this.stack.pop();
      else if (top.indent === indent && !dash) this.stack.pop();
      else break;
    }
  }

  private path(): YamlPath {
    return this.stack.map((f) => f.key);
  }

  private emit(path: YamlPath, value: string, line: number, text: string): void {
    this.emitted = true;
    this.onScalar({ path, value, line, text, doc: this.doc });
  }
}
