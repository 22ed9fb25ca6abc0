import { sql, type Kysely } from 'kysely';
import type { Database, MonthlyReviewRow } from '../../db/schema';
import { AUDIT_COLUMNS, auditRow, type AuditEntry } from '../audit';
import { batchedCalls, failedItem, perDb, type FailedItem } from '../batched-calls';
import { isPostgres, planOnce } from '../sql-dialect';
import { merged } from '../merged';
import { lockedPools, type GradeColumns } from './review.repository';

type Db = Kysely<Database>;

export interface GradeWrite {
  id: string;
  /** The revision the grade was decided on: the write happens only if the row still has it. */
  expectedRevision: number;
  grade: GradeColumns;
  at: Date;
  /** Nothing is written if the quarter is locked for any of these pools. */
  guard: { quarterKey: string; pools: ReadonlyArray<{ unitId: string; level: string }> };
  entry: AuditEntry;
}

/**
 * Writes a grade and its audit entry together, if the row still has `expectedRevision` and none of
 * the guard's pools is locked for the quarter (checked in the same statement, so a 审定 committed
 * after the click's reads still wins). Undefined when nothing was written. The grades of clicks
 * that arrive together are written together (see batchedCalls): on PostgreSQL one statement, on
 * SQLite one transaction.
 */
export const writeGradeAudited: (db: Db, write: GradeWrite) => Promise<MonthlyReviewRow | undefined> = perDb((db: Db) =>
  batchedCalls((writes: GradeWrite[]) => writeGrades(db, writes)),
);

async function writeGrades(db: Db, writes: GradeWrite[]): Promise<Array<MonthlyReviewRow | undefined | FailedItem>> {
  const results = new Map<GradeWrite, MonthlyReviewRow | undefined | FailedItem>();
  for (const round of oncePerReview(writes)) {
    try {
      const written = await writeRound(db, round);
      for (const w of round) results.set(w, written.get(w.id));
    } catch (e) {
      if (round.length === 1) results.set(round[0]!, failedItem(e));
      // One grade that cannot be written does not refuse the others: each is written alone.
      else for (const w of round) results.set(w, await writeRound(db, [w]).then((written) => written.get(w.id), failedItem));
    }
  }
  return writes.map((w) => results.get(w));
}

/** Rounds in which each review appears once (a double click's two writes: the second finds the revision moved). */
function oncePerReview(writes: readonly GradeWrite[]): GradeWrite[][] {
  const rounds: Array<{ ids: Set<string>; writes: GradeWrite[] }> = [];
  for (const w of writes) {
    let round = rounds.find((r) => !r.ids.has(w.id));
    if (!round) rounds.push((round = { ids: new Set(), writes: [] }));
    round.ids.add(w.id);
    round.writes.push(w);
  }
  return rounds.map((r) => r.writes);
}

function writeRound(db: Db, writes: readonly GradeWrite[]): Promise<Map<string, MonthlyReviewRow>> {
  return isPostgres(db) ? writeInOneStatement(db, writes) : writeInOneTransaction(db, writes);
}

async function writeInOneTransaction(db: Db, writes: readonly GradeWrite[]): Promise<Map<string, MonthlyReviewRow>> {
  return db.transaction().execute(async (trx) => {
    const written = new Map<string, MonthlyReviewRow>();
    for (const w of writes) {
      const after = await trx
        .updateTable('monthly_reviews')
        .set(merged(w.grade, { revision: w.expectedRevision + 1, updated_at: w.at.toISOString() }))
        .where('id', '=', w.id)
        .where('revision', '=', w.expectedRevision)
        .where(({ not, exists }) => not(exists(lockedPools(trx, w.guard.quarterKey, w.guard.pools))))
        .returningAll()
        .executeTakeFirst();
      if (!after) continue;
      await trx.insertInto('audit_log').values(auditRow(w.at, w.entry)).execute();
      written.set(w.id, after);
    }
    return written;
  });
}

/** Each grade column's PostgreSQL type: the writes arrive as one JSON parameter, read as a record set. */
const GRADE_TYPES: Record<keyof GradeColumns, 'text' | 'double precision'> = {
  unit_id: 'text',
  level: 'text',
  reviewer_open_id: 'text',
  work_score: 'double precision',
  conduct_score: 'double precision',
  bonuses: 'text',
  deductions: 'text',
  bonus: 'double precision',
  deduction: 'double precision',
  total: 'double precision',
  suggested_tier: 'text',
  tier: 'text',
  override_reason: 'text',
  comment: 'text',
  status: 'text',
};
const GRADE_COLUMNS = Object.keys(GRADE_TYPES) as Array<keyof GradeColumns>;

/**
 * One statement for all of them: the rows updated from a record set, the audit rows inserted from
 * the rows that were. Its text is the same for any number of grades, so it is planned once.
 */
async function writeInOneStatement(db: Db, writes: readonly GradeWrite[]): Promise<Map<string, MonthlyReviewRow>> {
  const records = writes.map((w) => {
    const audit = auditRow(w.at, w.entry);
    return merged(w.grade, {
      id: w.id,
      expected: w.expectedRevision,
      updated_at: w.at.toISOString(),
      quarter_key: w.guard.quarterKey,
      pools: w.guard.pools.map((p) => ({ unit_id: p.unitId, level: p.level })),
      ...Object.fromEntries(AUDIT_COLUMNS.map((c) => [`audit_${c}`, audit[c]])),
    });
  });
  const recordColumns = [
    'id text',
    'expected integer',
    'updated_at text',
    'quarter_key text',
    'pools jsonb',
    ...GRADE_COLUMNS.map((c) => `"${c}" ${GRADE_TYPES[c]}`),
    ...AUDIT_COLUMNS.map((c) => `"audit_${c}" text`),
  ].join(', ');
  const { rows } = await sql<MonthlyReviewRow>`
    with w as (select * from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as w(${sql.raw(recordColumns)})),
    graded as (
      update monthly_reviews as r
      set ${sql.raw(GRADE_COLUMNS.map((c) => `"${c}" = w."${c}"`).join(', '))}, revision = w.expected + 1, updated_at = w.updated_at
      from w
      where r.id = w.id and r.revision = w.expected
        and not exists (
          select 1 from quarter_locks as l, jsonb_to_recordset(w.pools) as p(unit_id text, level text)
          where l.quarter_key = w.quarter_key and l.unit_id = p.unit_id and l.level = p.level)
      returning r.*
    ),
    audited as (
      insert into audit_log (${sql.raw(AUDIT_COLUMNS.map((c) => `"${c}"`).join(', '))})
      select ${sql.raw(AUDIT_COLUMNS.map((c) => `w."audit_${c}"`).join(', '))} from graded join w on w.id = graded.id
    )
    select * from graded ${planOnce}`.execute(db);
  return new Map(rows.map((r) => [r.id, r]));
}
