// Report formats, an explicit map over the one report document (knip's reporters pattern). The JSON is
// canonical; the others draw it. A new format (html) is one entry here.

import type { ReportDocument } from '../model/document.js';
import { renderJson } from './json.js';
import { renderText } from './text.js';
import { renderMarkdown } from './markdown.js';
import { renderHtml } from './html.js';
import { redactDocument } from './redact.js';
import type { Style } from './style.js';

export const FORMATS = ['text', 'json', 'md', 'html'] as const;
export type Format = (typeof FORMATS)[number];

const RENDERERS: Record<Format, (doc: ReportDocument, style?: Style) => string> = {
  text: renderText,
  json: renderJson,
  md: (doc) => renderMarkdown(doc),
  html: (doc) => renderHtml(doc),
};

export interface RenderOptions {
  /** Leave out host names, addresses, paths and system properties (redact.ts), in any format. */
  redact?: boolean;
}

export function render(report: ReportDocument, format: Format, style?: Style, opts: RenderOptions = {}): string {
  return RENDERERS[format](opts.redact ? redactDocument(report) : report, style);
}
