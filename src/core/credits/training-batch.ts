import type { Rules } from '../rules/rules';
import { recordFingerprint, validateTrainingRow, type TrainingRecord, type TrainingRowContext } from './training-record';

export interface TrainingRowInput {
  /** The line number in the file, as the admin sees it (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

export interface AcceptedTrainingRow {
  line: number;
  openId: string;
  record: TrainingRecord;
  fingerprint: string;
}

export interface TrainingBatchResult {
  accepted: AcceptedTrainingRow[];
  rejected: Array<{ line: number; reason: string }>;
  /** Lines repeating an earlier line of the same file; skipped, not errors. */
  duplicateLines: number[];
}

/**
 * Validates a whole import file. Whether bad rows block the write (`--skip-bad`) is the
 * caller's decision; rows already stored are filtered by the caller through the fingerprint.
 */
export function validateTrainingRows(
  rows: ReadonlyArray<TrainingRowInput>,
  rules: Rules | Rules['training'],
  context: TrainingRowContext,
): TrainingBatchResult {
  const result: TrainingBatchResult = { accepted: [], rejected: [], duplicateLines: [] };
  const seen = new Set<string>();
  for (const row of rows) {
    const checked = validateTrainingRow(row.values, rules, context);
    if (!checked.ok) {
      result.rejected.push({ line: row.line, reason: checked.reason });
      continue;
    }
    const fingerprint = recordFingerprint(checked.openId, checked.record);
    if (seen.has(fingerprint)) {
      result.duplicateLines.push(row.line);
      continue;
    }
    seen.add(fingerprint);
    result.accepted.push({ line: row.line, openId: checked.openId, record: checked.record, fingerprint });
  }
  return result;
}
