import type { ReportDocument } from '../model/document.js';

/** The canonical form: the document itself (src/model/document.ts). */
export function renderJson(report: ReportDocument): string {
  return JSON.stringify(report, null, 2) + '\n';
}
