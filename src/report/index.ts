// Report formats, an explicit map over the one report document (knip's reporters pattern). The JSON is
// canonical; the others draw it. A new format (html) is one entry here.

import type { ReportDocument } from '../model/document.js';
import { renderJson } from './json.js';
import { renderText } from './text.js';
import { renderMarkdown } from './markdown.js';
import type { Style } from './style.js';

export const FORMATS = ['text', 'json', 'md'] as const;
export type Format = (typeof FORMATS)[number];

const RENDERERS: Record<Format, (doc: ReportDocument, style?: Style) => string> = {
  text: renderText,
  json: renderJson,
  md: renderMarkdown,
};

export function render(report: ReportDocument, format: Format, style?: Style): string {
  return RENDERERS[format](report, style);
}
