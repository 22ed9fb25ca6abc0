import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database, MonthlyReviewRow, MonthlyReviewTable, PersonRow, PersonTable } from '../../db/schema';
import { batchedRead, perDb } from '../batched-calls';
import { newId } from '../ids';
import { inTexts, isPostgres, planOnce } from '../sql-dialect';
import { MONTH_RESULT_COLUMNS, type MonthResultRow } from './review';
import { readInChunks } from '../in-chunks';
import { compactRows } from '../compact-rows';
import { insertRows } from '../insert-rows';

type Db = Kysely<Database>;

/** What a grading writes; the row's identity, status history and timestamps are managed here. */
export type GradeColumns = Pick<
  MonthlyReviewTable,
  | 'unit_id'
  | 'level'
  | 'reviewer_open_id'
  | 'work_score'
  | 'conduct_score'
  | 'bonuses'
  | 'deductions'
  | 'bonus'
  | 'deduction'
  | 'total'
  | 'suggested_tier'
  | 'tier'
  | 'override_reason'
  | 'comment'
  | 'status'
>;

export async function findReviewById(db: Db, id: string): Promise<MonthlyReviewRow | null> {
  return (await db.selectFrom('monthly_reviews').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

const PERSON_COLUMNS = [
  'open_id',
  'user_id',
  'name',
  'unit_id',
  'leader_open_id',
  'level',
  'roles',
  'active',
  'prompt_opt_out',
  'source',
  'created_at',
  'updated_at',
  'joined_on',
  'probation_until',
] as const satisfies ReadonlyArray<keyof PersonTable>;
// Every column of people: a column added to PersonTable and not here fails to compile.
const everyPersonColumn: Exclude<keyof PersonTable, (typeof PERSON_COLUMNS)[number]> extends never ? true : never = true;
void everyPersonColumn;

/** A review as a card click needs it: with its person and the person's unit, in one read. */
export interface ReviewWithPerson {
  row: MonthlyReviewRow;
  person: PersonRow | null;
  unit: { id: string; name: string } | null;
}

/** The review behind a card click; concurrent clicks' lookups are one read (see batchedRead). */
export const findReviewWithPerson = perDb((db: Db) => batchedRead((ids) => reviewsWithPeople(db, ids)));

async function reviewsWithPeople(db: Db, ids: readonly string[]): Promise<Map<string, ReviewWithPerson>> {
  const found = await db
    .selectFrom('monthly_reviews as r')
    .leftJoin('people as p', 'p.open_id', 'r.open_id')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .selectAll('r')
    .select(PERSON_COLUMNS.map((c) => `p.${c} as p_${c}` as `p.open_id as p_open_id`))
    .select(['u.id as u_id', 'u.name as u_name'])
    .where(inTexts(db, 'r.id', ids))
    .modifyEnd(planOnce)
    .execute();
  const byId = new Map<string, ReviewWithPerson>();
  for (const one of found) {
    const all = one as unknown as Record<string, unknown>;
    const row = {} as Record<string, unknown>;
    const person = {} as Record<string, unknown>;
    for (const [key, value] of Object.entries(all)) {
      if (key.startsWith('p_')) person[key.slice(2)] = value;
      else if (key !== 'u_id' && key !== 'u_name') row[key] = value;
    }
    byId.set(one.id, {
      row: row as unknown as MonthlyReviewRow,
      person: person.open_id == null ? null : (person as unknown as PersonRow),
      unit: one.u_id == null ? null : { id: one.u_id, name: one.u_name! },
    });
  }
  return byId;
}

/** These people's reviews of the month (read a thousand people at a time). */
export async function findReviewsFor(db: Db, openIds: readonly string[], monthKey: string): Promise<MonthlyReviewRow[]> {
  return readInChunks(openIds, 1000, (chunk) => db.selectFrom('monthly_reviews').selectAll().where(inTexts(db, 'open_id', chunk)).where('month_key', '=', monthKey).execute());
}

export async function findReviewFor(db: Db, openId: string, monthKey: string): Promise<MonthlyReviewRow | null> {
  const row = await db
    .selectFrom('monthly_reviews')
    .selectAll()
    .where('open_id', '=', openId)
    .where('month_key', '=', monthKey)
    .executeTakeFirst();
  return row ?? null;
}

/** A pending review row as the monthly-review job creates it (also how the bench seeds a city). */
export function pendingReviewRow(p: { openId: string; monthKey: string; unitId: string; level: string }, at: Date, id: string = newId('mr')) {
  const now = at.toISOString();
  return {
    id,
    open_id: p.openId,
    month_key: p.monthKey,
    unit_id: p.unitId,
    level: p.level,
    reviewer_open_id: null as string | null,
    work_score: null,
    conduct_score: null,
    bonuses: '[]',
    deductions: '[]',
    bonus: null,
    deduction: null,
    total: null,
    suggested_tier: null,
    tier: null,
    override_reason: null,
    comment: null,
    status: 'pending',
    revision: 0,
    created_at: now,
    updated_at: now,
  };
}

/**
 * Pending reviews for those who have none for the month yet; a row already there is left as it is.
 * The unique (open_id, month_key) constraint makes this safe when the job and /评鉴 race, or two
 * instances run.
 */
export async function insertPendingReviews(db: Db, reviews: ReadonlyArray<{ openId: string; monthKey: string; unitId: string; level: string }>, at: Date): Promise<void> {
  await insertRows(db, 'monthly_reviews', reviews.map((p) => pendingReviewRow(p, at)), { skipConflictsOn: ['open_id', 'month_key'] });
}

/** Pending reviews of the people whose current direct supervisor is `leaderOpenId`. */
export async function pendingReviewsOfLeader(db: Db, leaderOpenId: string): Promise<MonthlyReviewRow[]> {
  return db
    .selectFrom('monthly_reviews')
    .innerJoin('people', 'people.open_id', 'monthly_reviews.open_id')
    .selectAll('monthly_reviews')
    .where('people.leader_open_id', '=', leaderOpenId)
    .where('people.active', '=', 1)
    .where('monthly_reviews.status', '=', 'pending')
    .orderBy('monthly_reviews.month_key')
    .orderBy('monthly_reviews.open_id')
    .execute();
}

/** Pending reviews of the active people of a unit, with each person's current supervisor. */
export async function pendingReviewsInUnit(db: Db, unitId: string) {
  return db
    .selectFrom('monthly_reviews')
    .innerJoin('people', 'people.open_id', 'monthly_reviews.open_id')
    .select(['monthly_reviews.month_key', 'monthly_reviews.open_id', 'people.name', 'people.leader_open_id'])
    .where('people.unit_id', '=', unitId)
    .where('people.active', '=', 1)
    .where('monthly_reviews.status', '=', 'pending')
    .orderBy('monthly_reviews.month_key')
    .orderBy('people.leader_open_id')
    .orderBy('monthly_reviews.open_id')
    .execute();
}

/**
 * The months' reviews by person then month, with only a result's columns (a city's quarter is
 * 84,000 rows; every column took three times as long), in pages. On SQLite a statement holds the
 * event loop from start to end (those 84,000 rows: 0.3 s), so they come 5,000 at a time and the
 * loop turns between pages (see TurnTakingSqliteDialect). PostgreSQL's rows arrive beside other
 * work, and there one statement is faster.
 */
export async function* reviewsOfMonths(db: Db, monthKeys: readonly string[]): AsyncGenerator<MonthResultRow[]> {
  if (monthKeys.length === 0) return;
  const months = db.selectFrom('monthly_reviews').select(MONTH_RESULT_COLUMNS).where('month_key', 'in', [...monthKeys]);
  if (isPostgres(db)) {
    yield await months.orderBy('open_id').orderBy('month_key').execute();
    return;
  }
  for (let after: MonthResultRow | undefined; ; ) {
    const from = after;
    const rows = await monthResultRows(
      db,
      (from ? months.where((eb) => eb(eb.refTuple('open_id', 'month_key'), '>', eb.tuple(from.open_id, from.month_key))) : months)
        .orderBy('open_id')
        .orderBy('month_key')
        .limit(REVIEW_PAGE_ROWS),
    );
    if (rows.length > 0) yield rows;
    if (rows.length < REVIEW_PAGE_ROWS) return;
    after = rows[rows.length - 1];
  }
}

const REVIEW_PAGE_ROWS = 5_000;

/** Who has a review in these months in one of these units (a scope's people, whatever unit they are in now). */
export async function openIdsReviewedIn(db: Db, monthKeys: readonly string[], unitIds: readonly string[]): Promise<string[]> {
  if (monthKeys.length === 0 || unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('monthly_reviews')
    .select('open_id')
    .distinct()
    .where(inTexts(db, 'unit_id', unitIds))
    .where('month_key', 'in', [...monthKeys])
    .execute();
  return rows.map((r) => r.open_id);
}

/** reviewsOfMonths for some people only (read in chunks). */
export async function reviewsOfPeopleInMonths(db: Db, openIds: readonly string[], monthKeys: readonly string[]): Promise<MonthResultRow[]> {
  if (monthKeys.length === 0) return [];
  return readInChunks(openIds, 500, (chunk) =>
    monthResultRows(
      db,
      db
        .selectFrom('monthly_reviews')
        .select(MONTH_RESULT_COLUMNS)
        .where('open_id', 'in', chunk)
        .where('month_key', 'in', [...monthKeys])
        .orderBy('open_id')
        .orderBy('month_key'),
    ),
  );
}

/** A read of month results, by person then month (see compactRows). */
const monthResultRows = (db: Db, query: SelectQueryBuilder<Database, 'monthly_reviews', MonthResultRow>) => compactRows(db, query, MONTH_RESULT_COLUMNS, ['open_id', 'month_key']);

/** One month's reviews with the names the ledger shows, in unit then name order. */
export async function ledgerRowsOfMonth(db: Db, monthKey: string) {
  return db
    .selectFrom('monthly_reviews')
    .leftJoin('people', 'people.open_id', 'monthly_reviews.open_id')
    .leftJoin('units', 'units.id', 'monthly_reviews.unit_id')
    .selectAll('monthly_reviews')
    .select(['people.name as person_name', 'units.name as unit_name'])
    .where('monthly_reviews.month_key', '=', monthKey)
    .orderBy('monthly_reviews.unit_id')
    .orderBy('monthly_reviews.level')
    .orderBy('monthly_reviews.open_id')
    .execute();
}

/** Whether any of these pools' quarter is locked: confirmed by the unit admin (table owned by 季审定). */
export async function isAnyPoolLocked(db: Db, quarterKey: string, pools: ReadonlyArray<{ unitId: string; level: string }>): Promise<boolean> {
  if (pools.length === 0) return false;
  return (await lockedPools(db, quarterKey, pools).limit(1).executeTakeFirst()) !== undefined;
}

/** The quarter's locks on any of `pools` (a query to run, or to test with `exists`). */
export function lockedPools(db: Db, quarterKey: string, pools: ReadonlyArray<{ unitId: string; level: string }>) {
  return db
    .selectFrom('quarter_locks')
    .select('unit_id')
    .where('quarter_key', '=', quarterKey)
    .where((eb) => eb.or(pools.map((p) => eb.and([eb('unit_id', '=', p.unitId), eb('level', '=', p.level)]))));
}
