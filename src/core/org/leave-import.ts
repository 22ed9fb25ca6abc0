import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Clock } from '../clock';
import { DEFAULT_LEAVE_KIND, addLeave, leaveProblem, type LeaveInput } from './leave.service';

export interface LeaveImportResult {
  added: number;
  unchanged: number;
  errors: Array<{ line: number; reason: string }>;
  written: boolean;
}

/**
 * `import leave FILE`: every row is checked first; with a bad row nothing is written unless
 * `skipBad`, and then only the good rows are, in one transaction.
 */
export async function importLeaveRows(
  db: Kysely<Database>,
  clock: Clock,
  rows: Array<{ line: number; values: Record<string, string> }>,
  opts: { skipBad: boolean; actor: string; fileErrors?: Array<{ line: number; reason: string }> },
): Promise<LeaveImportResult> {
  const errors = [...(opts.fileErrors ?? [])];
  const good: LeaveInput[] = [];
  for (const { line, values } of rows) {
    const input: LeaveInput = {
      openId: values.open_id ?? '',
      startDate: values.start_date ?? '',
      endDate: values.end_date ?? '',
      kind: values.kind || DEFAULT_LEAVE_KIND,
      note: values.note ? values.note : null,
    };
    const problem = await leaveProblem(db, input);
    if (problem) errors.push({ line, reason: problem });
    else good.push(input);
  }
  errors.sort((a, b) => a.line - b.line);
  if (errors.length > 0 && !opts.skipBad) return { added: 0, unchanged: 0, errors, written: false };
  let added = 0;
  await db.transaction().execute(async (trx) => {
    for (const l of good) if (await addLeave(trx, clock, opts.actor, l)) added++;
  });
  return { added, unchanged: good.length - added, errors, written: true };
}
