import type { Kysely } from 'kysely';
import { inTexts } from '../sql-dialect';
import type { Database } from '../../db/schema';
import { newId } from '../ids';
import { readChunked, runRead, type Read } from '../read-together';
import { selfSummaryRowToSummary, type SelfSummary } from './self-summary';

type Db = Kysely<Database>;

export async function findSummary(db: Db, openId: string, periodKey: string): Promise<SelfSummary | null> {
  const row = await db.selectFrom('self_summaries').selectAll().where('open_id', '=', openId).where('period_key', '=', periodKey).executeTakeFirst();
  return row ? selfSummaryRowToSummary(row) : null;
}

/** These people's summaries of the period (drafts too, unless `submittedOnly`), by open_id, a thousand people at a time. */
function summariesRead(db: Db, periodKey: string, openIds: readonly string[], submittedOnly: boolean): Read<Map<string, SelfSummary>> {
  return readChunked(
    openIds,
    1000,
    (chunk) => {
      const q = db.selectFrom('self_summaries').selectAll().where('period_key', '=', periodKey).where(inTexts(db, 'open_id', chunk));
      return submittedOnly ? q.where('submitted_at', 'is not', null) : q;
    },
    (rows) => new Map(rows.map((r) => [r.open_id, selfSummaryRowToSummary(r)])),
  );
}

/** These people's summaries of the period (drafts too), by open_id. */
export function findSummariesOf(db: Db, periodKey: string, openIds: readonly string[]): Promise<Map<string, SelfSummary>> {
  return runRead(db, summariesRead(db, periodKey, openIds, false));
}

/** Submitted summaries of the period for these people, by open_id, as a read that can go out with others. */
export function submittedSummariesRead(db: Db, periodKey: string, openIds: readonly string[]): Read<Map<string, SelfSummary>> {
  return summariesRead(db, periodKey, openIds, true);
}

/** Submitted summaries of the period for these people, by open_id. */
export function findSubmitted(db: Db, periodKey: string, openIds: readonly string[]): Promise<Map<string, SelfSummary>> {
  return runRead(db, submittedSummariesRead(db, periodKey, openIds));
}

export async function submittedOpenIds(db: Db, periodKey: string): Promise<Set<string>> {
  const rows = await db.selectFrom('self_summaries').select('open_id').where('period_key', '=', periodKey).where('submitted_at', 'is not', null).execute();
  return new Set(rows.map((r) => r.open_id));
}

/** Creates the empty row (revision 0) unless it exists; returns the row either way. */
export async function ensureSummary(db: Db, openId: string, periodKey: string, unitId: string, now: Date): Promise<SelfSummary> {
  const at = now.toISOString();
  await db
    .insertInto('self_summaries')
    .values({ id: newId('ss'), open_id: openId, period_key: periodKey, unit_id: unitId, draft: null, draft_saved_at: null, content: null, submitted_at: null, revision: 0, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['open_id', 'period_key']).doNothing())
    .execute();
  const row = await findSummary(db, openId, periodKey);
  if (!row) throw new Error(`self summary ${openId} ${periodKey} vanished after insert`);
  return row;
}

/** Writes the change only if nobody changed the row since `expectedRevision`; true when written. */
export async function updateIfRevision(
  db: Db,
  id: string,
  expectedRevision: number,
  change: { draft: string | null; draftSavedAt: string | null; content?: string; submittedAt?: string },
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('self_summaries')
    .set({
      draft: change.draft,
      draft_saved_at: change.draftSavedAt,
      ...(change.content !== undefined ? { content: change.content } : {}),
      ...(change.submittedAt !== undefined ? { submitted_at: change.submittedAt } : {}),
      revision: expectedRevision + 1,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .where('revision', '=', expectedRevision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The ledger: every submitted summary of the period, with the person's name and unit. */
export async function ledgerRowsOfPeriod(db: Db, periodKey: string) {
  return db
    .selectFrom('self_summaries as s')
    .leftJoin('people as p', 'p.open_id', 's.open_id')
    .leftJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.period_key', 's.open_id', 's.unit_id', 's.content', 's.submitted_at', 'p.name as person_name', 'u.name as unit_name'])
    .where('s.period_key', '=', periodKey)
    .where('s.submitted_at', 'is not', null)
    .orderBy('s.unit_id')
    .orderBy('p.name')
    .orderBy('s.open_id')
    .execute();
}
