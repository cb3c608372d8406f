import type { DiagnosisReport } from '../model/report.js';

export function renderJson(report: DiagnosisReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
