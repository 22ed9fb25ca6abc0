import { newId } from '../ids';
import { audit } from '../audit';
import { shanghaiDate } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { validateTrainingRows, type TrainingRowInput } from './training-batch';
import { insertImportedRecords, type NewTrainingRecord } from './training-records.repository';
import { merged } from '../merged';

export interface TrainingImportPlan {
  rows: NewTrainingRecord[];
  /** Bad lines, in file order, as the admin must see them. */
  problems: Array<{ line: number; reason: string }>;
  /** Lines repeating an earlier line of the same file; skipped silently (counted in the summary). */
  duplicateLines: number[];
}

export interface TrainingImportResult {
  added: number;
  /** Good rows already stored by an earlier import (same fingerprint): not written again. */
  alreadyPresent: number;
}

/** Checks every row against the organisation and the rules; nothing is written here. */
export async function planTrainingImport(
  deps: CoreDeps,
  rows: ReadonlyArray<TrainingRowInput>,
  fileProblems: ReadonlyArray<{ line: number; reason: string }> = [],
): Promise<TrainingImportPlan> {
  // Anyone ever in the organisation is known: records of someone who has left are still history.
  const known = new Set((await deps.db.selectFrom('people').select('open_id').execute()).map((r) => r.open_id));
  const now = deps.clock.now();
  const checked = validateTrainingRows(rows, deps.rules.training, {
    knownPerson: (openId) => known.has(openId),
    today: shanghaiDate(now),
  });
  const createdAt = now.toISOString();
  return {
    rows: checked.accepted.map((a) => merged(a.record, { id: newId('tr'), openId: a.openId, fingerprint: a.fingerprint, note: null, createdAt })),
    problems: [...fileProblems, ...checked.rejected].sort((a, b) => a.line - b.line),
    duplicateLines: checked.duplicateLines,
  };
}

/**
 * Writes the planned rows in one transaction (all or nothing), in multi-row statements; rows whose
 * fingerprint is already stored are skipped by the database, so re-importing a file adds nothing.
 */
export async function writeTrainingImport(
  deps: CoreDeps,
  plan: TrainingImportPlan,
  meta: { actor: string; file: string; skippedBad: number },
): Promise<TrainingImportResult> {
  const now = deps.clock.now();
  const added = await deps.db.transaction().execute(async (trx) => {
    const count = await insertImportedRecords(trx, plan.rows);
    await audit(trx, now, {
      actor: meta.actor,
      action: 'credits.import',
      entityType: 'training_import',
      entityId: newId('ti'),
      after: { file: meta.file, rows: plan.rows.length, added: count, skippedBad: meta.skippedBad },
    });
    return count;
  });
  return { added, alreadyPresent: plan.rows.length - added };
}
