// Terminal styling: ANSI colour on a TTY only (and never when NO_COLOR is set), plain text elsewhere.

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

export const colour: Style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  green: wrap(32, 39),
};

const id = (s: string) => s;
export const plain: Style = { bold: id, dim: id, red: id, yellow: id, cyan: id, green: id };

export function styleFor(stream: NodeJS.WriteStream, forceOff = false): Style {
  if (forceOff || !stream.isTTY || process.env.NO_COLOR || process.env.TERM === 'dumb') return plain;
  return colour;
}
