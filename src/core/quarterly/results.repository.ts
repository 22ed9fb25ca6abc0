import type { Kysely } from 'kysely';
import { UNDETERMINED, type TierOrUndetermined } from '../rules/terms';
import { newId } from '../ids';
import { insertRowsCounted } from '../insert-rows';
import { inTexts } from '../sql-dialect';
import type { Database, QuarterResultRow } from '../../db/schema';
import { isTierOrUndetermined } from '../tiers';
import { groupBy } from '../group-by';
import { readRows, runRead, type Read } from '../read-together';
import { readInChunks } from '../in-chunks';

type Db = Kysely<Database>;

export type QuarterStatus = 'proposed' | 'confirmed' | 'corrected';
export const DETERMINED: readonly QuarterStatus[] = ['confirmed', 'corrected'];

export interface QuarterResult {
  id: string;
  openId: string;
  quarterKey: string;
  /** The person's own unit. */
  unitId: string;
  level: string;
  /** What the quota was counted over (the organ, or the 处室) and the pool within it. */
  scopeId: string;
  pool: string;
  /** How the proposal was reached; null on rows from before the rule was recorded. */
  basis: string | null;
  score: number | null;
  work: number | null;
  conduct: number | null;
  goodMonths: number;
  proposedTier: TierOrUndetermined;
  tier: TierOrUndetermined;
  status: QuarterStatus;
  confirmedBy: string | null;
  confirmedAt: string | null;
  feedbackAt: string | null;
  /** Parts of a composed score (民主测评, 服务对象评价); all null when the score is the months' mean. */
  leaderScore: number | null;
  peerScore: number | null;
  peerAnswers: number | null;
  serviceAdjustment: number | null;
}

export function quarterResultRowToResult(row: QuarterResultRow): QuarterResult {
  return {
    id: row.id,
    openId: row.open_id,
    quarterKey: row.quarter_key,
    unitId: row.unit_id,
    level: row.level,
    scopeId: row.scope_id ?? row.unit_id,
    pool: row.pool ?? row.level,
    basis: row.basis,
    score: numOrNull(row.score),
    work: numOrNull(row.work),
    conduct: numOrNull(row.conduct),
    goodMonths: Number(row.good_months),
    proposedTier: asTier(row.proposed_tier),
    tier: asTier(row.tier),
    status: row.status === 'confirmed' || row.status === 'corrected' ? row.status : 'proposed',
    confirmedBy: row.confirmed_by,
    confirmedAt: row.confirmed_at,
    feedbackAt: row.feedback_at,
    leaderScore: numOrNull(row.leader_score ?? null),
    peerScore: numOrNull(row.peer_score ?? null),
    peerAnswers: numOrNull(row.peer_answers ?? null),
    serviceAdjustment: numOrNull(row.service_adjustment ?? null),
  };
}

// A hand-edited row with an unknown tier must not crash a card; it reads as undetermined.
const asTier = (t: string): TierOrUndetermined => (isTierOrUndetermined(t) ? t : UNDETERMINED);

function numOrNull(x: number | string | null): number | null {
  if (x === null) return null;
  const n = Number(x);
  return Number.isFinite(n) ? n : null;
}

/** One 同级同台 pool of one scope (organ or 处室) in one quarter. */
export interface PoolKey {
  scopeId: string;
  quarterKey: string;
  pool: string;
}

export async function findPoolResults(db: Db, pool: PoolKey): Promise<QuarterResult[]> {
  const rows = await db
    .selectFrom('quarter_results')
    .selectAll()
    .where('scope_id', '=', pool.scopeId)
    .where('quarter_key', '=', pool.quarterKey)
    .where('pool', '=', pool.pool)
    .orderBy('open_id')
    .execute();
  return rows.map(quarterResultRowToResult);
}

/** Every result of the scope's quarter, all pools (the quota is shared among them). */
export async function findScopeQuarterResults(db: Db, scopeId: string, quarterKey: string): Promise<QuarterResult[]> {
  const rows = await db
    .selectFrom('quarter_results')
    .selectAll()
    .where('scope_id', '=', scopeId)
    .where('quarter_key', '=', quarterKey)
    .orderBy('pool')
    .orderBy('open_id')
    .execute();
  return rows.map(quarterResultRowToResult);
}

export async function findResult(db: Db, openId: string, quarterKey: string): Promise<QuarterResult | null> {
  const row = await db
    .selectFrom('quarter_results')
    .selectAll()
    .where('open_id', '=', openId)
    .where('quarter_key', '=', quarterKey)
    .executeTakeFirst();
  return row ? quarterResultRowToResult(row) : null;
}

/** The results of these people for the quarter, by open_id (read in chunks: a city's organ can be large). */
export async function findResultsOf(db: Db, openIds: readonly string[], quarterKey: string): Promise<Map<string, QuarterResult>> {
  const rows = await readInChunks(openIds, CHUNK, (chunk) =>
    db.selectFrom('quarter_results').selectAll().where('quarter_key', '=', quarterKey).where(inTexts(db, 'open_id', chunk)).execute(),
  );
  return new Map(rows.map((row) => [row.open_id, quarterResultRowToResult(row)]));
}

const CHUNK = 500;

export type ProposalColumns = Pick<
  QuarterResult,
  'openId' | 'quarterKey' | 'unitId' | 'level' | 'scopeId' | 'pool' | 'basis' | 'score' | 'work' | 'conduct' | 'goodMonths' | 'proposedTier' | 'tier'
> &
  Partial<Pick<QuarterResult, 'leaderScore' | 'peerScore' | 'peerAnswers' | 'serviceAdjustment'>>;

/** The columns a proposal writes, shared by insert and refresh so the two cannot drift apart. */
function proposalRow(p: ProposalColumns) {
  return {
    unit_id: p.unitId,
    level: p.level,
    scope_id: p.scopeId,
    pool: p.pool,
    basis: p.basis,
    score: p.score,
    work: p.work,
    conduct: p.conduct,
    good_months: p.goodMonths,
    proposed_tier: p.proposedTier,
    tier: p.tier,
    leader_score: p.leaderScore ?? null,
    peer_score: p.peerScore ?? null,
    peer_answers: p.peerAnswers ?? null,
    service_adjustment: p.serviceAdjustment ?? null,
  };
}

const newResultRow = (p: ProposalColumns, at: string) => ({
  id: newId('qr'),
  open_id: p.openId,
  quarter_key: p.quarterKey,
  ...proposalRow(p),
  status: 'proposed' as const,
  comment: null,
  confirmed_by: null,
  confirmed_at: null,
  feedback_at: null,
  updated_at: at,
});

export async function insertProposal(db: Db, p: ProposalColumns, at: Date): Promise<boolean> {
  const res = await db
    .insertInto('quarter_results')
    .values(newResultRow(p, at.toISOString()))
    .onConflict((oc) => oc.columns(['open_id', 'quarter_key']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * insertProposal for many people at once (a few statements instead of one per person); returns
 * each proposal actually inserted, as stored, by open_id (one stored meanwhile is left as it is).
 * The rows' count says whether all went in, the usual case; only otherwise are their ids looked up.
 */
export async function insertProposals(db: Db, proposals: readonly ProposalColumns[], at: Date): Promise<Map<string, QuarterResult>> {
  const inserted = new Map<string, QuarterResult>();
  const iso = at.toISOString();
  for (let i = 0; i < proposals.length; i += CHUNK) {
    const rows = proposals.slice(i, i + CHUNK).map((p) => newResultRow(p, iso));
    const count = await insertRowsCounted(db, 'quarter_results', rows, { skipConflictsOn: ['open_id', 'quarter_key'] });
    const written = count === rows.length ? null : await storedIds(db, rows.map((r) => r.id));
    for (const row of rows) if (!written || written.has(row.id)) inserted.set(row.open_id, quarterResultRowToResult(row));
  }
  return inserted;
}

/** Which of these new ids (one insert's, at most CHUNK) are stored: the rest lost to a proposal stored meanwhile. */
async function storedIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db.selectFrom('quarter_results').select('id').where(inTexts(db, 'id', ids)).execute();
  return new Set(rows.map((r) => r.id));
}

/** Whether the scope has any result for the quarter (a first close has none: nothing to withdraw). */
export async function scopeHasResults(db: Db, scopeId: string, quarterKey: string): Promise<boolean> {
  return runRead(db, scopeHasResultsRead(db, scopeId, quarterKey));
}

export function scopeHasResultsRead(db: Db, scopeId: string, quarterKey: string): Read<boolean> {
  return readRows(db.selectFrom('quarter_results').select('id').where('scope_id', '=', scopeId).where('quarter_key', '=', quarterKey).limit(1), (rows) => rows.length > 0);
}

/** Refreshes a proposal; a determined result is never touched (the status guard is the lock). */
export async function refreshProposal(db: Db, id: string, p: ProposalColumns, at: Date): Promise<boolean> {
  const res = await db
    .updateTable('quarter_results')
    .set({
      ...proposalRow(p),
      updated_at: at.toISOString(),
    })
    .where('id', '=', id)
    .where('status', '=', 'proposed')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Withdraws a proposal for someone no longer assessed in the unit (left, or moved before being graded). */
export async function deleteProposal(db: Db, id: string): Promise<boolean> {
  const res = await db.deleteFrom('quarter_results').where('id', '=', id).where('status', '=', 'proposed').executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/** The admin's adjustment before confirming; only while the result is still a proposal. */
export async function setProposedTier(db: Db, id: string, tier: TierOrUndetermined, at: Date): Promise<boolean> {
  const res = await db
    .updateTable('quarter_results')
    .set({ tier, updated_at: at.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'proposed')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function confirmResult(db: Db, id: string, tier: TierOrUndetermined, by: string, at: Date): Promise<boolean> {
  const iso = at.toISOString();
  const res = await db
    .updateTable('quarter_results')
    .set({ tier, status: 'confirmed', confirmed_by: by, confirmed_at: iso, feedback_at: iso, updated_at: iso })
    .where('id', '=', id)
    .where('status', '=', 'proposed')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * An audited correction of a determined result; guarded on the tier read, so a race changes nothing
 * twice. The result is fed back again (feedback_at), which opens a new objection window for it.
 */
export async function correctResult(db: Db, id: string, from: TierOrUndetermined, to: TierOrUndetermined, at: Date): Promise<boolean> {
  const res = await db
    .updateTable('quarter_results')
    .set({ tier: to, status: 'corrected', feedback_at: at.toISOString(), updated_at: at.toISOString() })
    .where('id', '=', id)
    .where('tier', '=', from)
    .where('status', 'in', [...DETERMINED])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface QuarterLock extends PoolKey {
  lockedBy: string;
  lockedAt: string;
}

// quarter_locks keeps its columns: unit_id holds the scope id and level the pool name (migration 0008).
export async function findLock(db: Db, pool: PoolKey): Promise<QuarterLock | null> {
  const row = await db
    .selectFrom('quarter_locks')
    .selectAll()
    .where('unit_id', '=', pool.scopeId)
    .where('quarter_key', '=', pool.quarterKey)
    .where('level', '=', pool.pool)
    .executeTakeFirst();
  return row ? { scopeId: row.unit_id, quarterKey: row.quarter_key, pool: row.level, lockedBy: row.locked_by, lockedAt: row.locked_at } : null;
}

/** The locked pools of a scope's quarter. */
export async function findScopeLocks(db: Db, scopeId: string, quarterKey: string): Promise<QuarterLock[]> {
  return runRead(db, scopeLocksRead(db, scopeId, quarterKey));
}

export function scopeLocksRead(db: Db, scopeId: string, quarterKey: string): Read<QuarterLock[]> {
  return readRows(db.selectFrom('quarter_locks').selectAll().where('unit_id', '=', scopeId).where('quarter_key', '=', quarterKey), (rows) =>
    rows.map((row) => ({ scopeId: row.unit_id, quarterKey: row.quarter_key, pool: row.level, lockedBy: row.locked_by, lockedAt: row.locked_at })),
  );
}

/** The lock row is the claim: of two confirmations racing, only the one that inserts it goes on. */
export async function insertLock(db: Db, pool: PoolKey, by: string, at: Date): Promise<boolean> {
  const res = await db
    .insertInto('quarter_locks')
    .values({ unit_id: pool.scopeId, quarter_key: pool.quarterKey, level: pool.pool, locked_by: by, locked_at: at.toISOString() })
    .onConflict((oc) => oc.columns(['unit_id', 'quarter_key', 'level']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The person's most recent confirmed or corrected quarter (what /异议 objects to). */
export async function latestDeterminedResult(db: Db, openId: string): Promise<QuarterResult | null> {
  const row = await db
    .selectFrom('quarter_results')
    .selectAll()
    .where('open_id', '=', openId)
    .where('status', 'in', [...DETERMINED])
    .orderBy('quarter_key', 'desc')
    .executeTakeFirst();
  return row ? quarterResultRowToResult(row) : null;
}

/**
 * Determined results of the given quarters for these people (proposals are never shown to staff),
 * by open_id, each person's in quarter order. Read in chunks: the year-end views ask for the whole
 * city, more values than one statement may bind.
 */
export async function determinedResultsOf(db: Db, openIds: readonly string[], quarterKeys: readonly string[]): Promise<Map<string, QuarterResult[]>> {
  if (quarterKeys.length === 0) return new Map();
  const rows = await readInChunks([...new Set(openIds)], CHUNK, (chunk) =>
    db
      .selectFrom('quarter_results')
      .selectAll()
      .where(inTexts(db, 'open_id', chunk))
      .where('quarter_key', 'in', [...quarterKeys])
      .where('status', 'in', [...DETERMINED])
      .orderBy('open_id')
      .orderBy('quarter_key')
      .execute(),
  );
  return groupBy(rows.map(quarterResultRowToResult), (r) => r.openId);
}

/** People with any quarter result in these quarters (for the annual ledger, besides the active people). */
export async function openIdsWithResults(db: Db, quarterKeys: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('quarter_results')
    .select('open_id')
    .distinct()
    .where('quarter_key', 'in', [...quarterKeys])
    .orderBy('open_id')
    .execute();
  return rows.map((r) => r.open_id);
}

/** One quarter's results with the names the ledger shows, in unit then level then person order. */
export async function ledgerRowsOfQuarter(db: Db, quarterKey: string) {
  return db
    .selectFrom('quarter_results')
    .leftJoin('people', 'people.open_id', 'quarter_results.open_id')
    .leftJoin('units', 'units.id', 'quarter_results.unit_id')
    .selectAll('quarter_results')
    .select(['people.name as person_name', 'units.name as unit_name'])
    .where('quarter_results.quarter_key', '=', quarterKey)
    .orderBy('quarter_results.unit_id')
    .orderBy('quarter_results.level')
    .orderBy('quarter_results.open_id')
    .execute();
}
