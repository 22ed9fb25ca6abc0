import type { Kysely, Transaction } from 'kysely';
import type { Database, UnitRankingPublicationTable, UnitRankingTable } from '../../db/schema';
import type { Selectable } from 'kysely';
import type { RankingDoc, RankingKind } from './ranking-doc';

type Db = Kysely<Database> | Transaction<Database>;

export interface StoredRanking {
  id: string;
  periodKey: string;
  scope: string;
  kind: RankingKind;
  status: 'draft' | 'published';
  revision: number;
  doc: RankingDoc;
  updatedAt: string;
}

export interface StoredPublication {
  id: string;
  rankingId: string;
  periodKey: string;
  scope: string;
  kind: RankingKind;
  version: number;
  doc: RankingDoc;
  publishedBy: string;
  publishedAt: string;
  announceAfter: string;
  announcedAt: string | null;
}

const toRanking = (r: Selectable<UnitRankingTable>): StoredRanking => ({
  id: r.id,
  periodKey: r.period_key,
  scope: r.scope,
  kind: r.kind as RankingKind,
  status: r.status === 'published' ? 'published' : 'draft',
  revision: Number(r.revision),
  doc: JSON.parse(r.doc) as RankingDoc,
  updatedAt: r.updated_at,
});

const toPublication = (r: Selectable<UnitRankingPublicationTable>): StoredPublication => ({
  id: r.id,
  rankingId: r.ranking_id,
  periodKey: r.period_key,
  scope: r.scope,
  kind: r.kind as RankingKind,
  version: Number(r.version),
  doc: JSON.parse(r.doc) as RankingDoc,
  publishedBy: r.published_by,
  publishedAt: r.published_at,
  announceAfter: r.announce_after,
  announcedAt: r.announced_at,
});

export async function findRanking(db: Db, periodKey: string, scope: string): Promise<StoredRanking | null> {
  const row = await db.selectFrom('unit_rankings').selectAll().where('period_key', '=', periodKey).where('scope', '=', scope).executeTakeFirst();
  return row ? toRanking(row) : null;
}

export async function findRankingById(db: Db, id: string): Promise<StoredRanking | null> {
  const row = await db.selectFrom('unit_rankings').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRanking(row) : null;
}

export async function rankingsOfPeriod(db: Db, periodKey: string): Promise<StoredRanking[]> {
  const rows = await db.selectFrom('unit_rankings').selectAll().where('period_key', '=', periodKey).orderBy('scope').execute();
  return rows.map(toRanking);
}

/** False when the (period, scope) already has a ranking (a re-run, or another instance first). */
export async function insertRanking(db: Db, r: { id: string; periodKey: string; scope: string; kind: RankingKind; doc: RankingDoc; at: string }): Promise<boolean> {
  const res = await db
    .insertInto('unit_rankings')
    .values({ id: r.id, period_key: r.periodKey, scope: r.scope, kind: r.kind, status: 'draft', revision: 1, doc: JSON.stringify(r.doc), created_at: r.at, updated_at: r.at })
    .onConflict((oc) => oc.columns(['period_key', 'scope']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Writes only if nobody changed the ranking since `expected` was read; returns whether it was written. */
export async function updateRanking(db: Db, id: string, expected: number, next: { doc: RankingDoc; status: 'draft' | 'published'; at: string }): Promise<boolean> {
  const res = await db
    .updateTable('unit_rankings')
    .set({ doc: JSON.stringify(next.doc), status: next.status, revision: expected + 1, updated_at: next.at })
    .where('id', '=', id)
    .where('revision', '=', expected)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function latestPublication(db: Db, rankingId: string): Promise<StoredPublication | null> {
  const row = await db.selectFrom('unit_ranking_publications').selectAll().where('ranking_id', '=', rankingId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row ? toPublication(row) : null;
}

export async function insertPublication(db: Db, p: StoredPublication): Promise<void> {
  await db
    .insertInto('unit_ranking_publications')
    .values({
      id: p.id,
      ranking_id: p.rankingId,
      period_key: p.periodKey,
      scope: p.scope,
      kind: p.kind,
      version: p.version,
      doc: JSON.stringify(p.doc),
      published_by: p.publishedBy,
      published_at: p.publishedAt,
      announce_after: p.announceAfter,
      announced_at: p.announcedAt,
    })
    .execute();
}

/** Publications whose announcements waited for the window and may go now; claimed by the caller with `markAnnounced`. */
export async function dueAnnouncements(db: Db, now: Date): Promise<StoredPublication[]> {
  const rows = await db
    .selectFrom('unit_ranking_publications')
    .selectAll()
    .where('announced_at', 'is', null)
    .where('announce_after', '<=', now.toISOString())
    .orderBy('announce_after')
    .orderBy('id')
    .execute();
  return rows.map(toPublication);
}

/** True for the caller that marked it (so two instances cannot both announce). */
export async function markAnnounced(db: Db, id: string, at: Date): Promise<boolean> {
  const res = await db.updateTable('unit_ranking_publications').set({ announced_at: at.toISOString() }).where('id', '=', id).where('announced_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The latest version of every ranking published for a scope (or all scopes), newest period first is up to the caller. */
/**
 * The latest version of each published ranking. `endingIn`: only periods ending in these years
 * (a period's key starts with the year it ends in), so the documents parsed do not grow with the
 * years of history.
 */
export async function latestPublications(db: Db, filter: { scope?: string; periodKey?: string; endingIn?: { from: number; to: number } } = {}): Promise<StoredPublication[]> {
  let q = db.selectFrom('unit_ranking_publications').selectAll();
  if (filter.scope) q = q.where('scope', '=', filter.scope);
  if (filter.periodKey) q = q.where('period_key', '=', filter.periodKey);
  if (filter.endingIn) q = q.where('period_key', '>=', String(filter.endingIn.from)).where('period_key', '<', String(filter.endingIn.to + 1));
  const rows = (await q.orderBy('ranking_id').orderBy('version', 'desc').execute()).map(toPublication);
  const seen = new Set<string>();
  return rows.filter((p) => (seen.has(p.rankingId) ? false : (seen.add(p.rankingId), true)));
}

export async function publicationVersion(db: Db, rankingId: string, version: number): Promise<StoredPublication | null> {
  const row = await db.selectFrom('unit_ranking_publications').selectAll().where('ranking_id', '=', rankingId).where('version', '=', version).executeTakeFirst();
  return row ? toPublication(row) : null;
}
