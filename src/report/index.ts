// Report formats, an explicit map (knip's reporters pattern). The JSON is canonical; the others render it.

import type { DiagnosisReport } from '../model/report.js';
import { renderJson } from './json.js';
import { renderText } from './text.js';
import { renderMarkdown } from './markdown.js';
import type { Style } from './style.js';

export const FORMATS = ['text', 'json', 'md'] as const;
export type Format = (typeof FORMATS)[number];

export function render(report: DiagnosisReport, format: Format, style?: Style): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'md':
      return renderMarkdown(report);
    case 'text':
      return renderText(report, style);
  }
}
