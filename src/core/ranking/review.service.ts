import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { audit } from '../audit';
import type { CoreDeps } from '../deps';
import { DomainError, forbidden, invalidInput, staleCard } from '../errors';
import { hasRole, personRowToPerson, type Person } from '../org/person';
import { UNIT_CLASSES, type UnitClass } from '../rules/terms';
import { computeRankings } from './compute.service';
import { classOf, type RankingDoc } from './ranking-doc';
import { findRankingById, latestPublication, updateRanking, type StoredRanking } from './ranking.repository';
import { reviewView } from './review-view';
import type { ReviewView } from './views';

type Db = Kysely<Database> | Transaction<Database>;

export const REASON_MAX = 200;
export const reviewKey = (rankingId: string, openId: string) => `unit-ranking-review:${rankingId}:${openId}`;
const pageKey = (rankingId: string, openId: string, page: number) => `${reviewKey(rankingId, openId)}:p${page}`;

/** The city admins (role `admin`) review and publish rankings. */
export async function rankingReviewers(db: Db): Promise<Person[]> {
  const rows = await db.selectFrom('people').selectAll().where('active', '=', 1).where('roles', 'like', '%admin%').orderBy('open_id').execute();
  return rows.map(personRowToPerson).filter((p) => hasRole(p, 'admin'));
}

export function assertRankingAdmin(actor: Person): void {
  if (!hasRole(actor, 'admin')) throw forbidden('仅公务员局管理员可审核和发布单位评优评差结果。');
}

/** Loads the ranking a card names and checks it is the state the card showed. */
export async function rankingAtRevision(db: Db, rankingId: string, revision: number): Promise<StoredRanking> {
  const ranking = await findRankingById(db, rankingId);
  if (!ranking) throw staleCard('找不到这份排名');
  if (ranking.revision !== revision) throw staleCard('排名已有更新，请在最新的审核卡片上操作');
  return ranking;
}

/**
 * Sends every reviewer their review cards the first time, and updates the ones already sent (the
 * table pages, then the card with the buttons). `except`: the reviewer whose clicked card the
 * callback answer replaces.
 */
export async function showReview(trx: Db, deps: CoreDeps, ranking: StoredRanking, opts: { except?: string } = {}): Promise<number> {
  const view = reviewView(ranking, await latestPublication(trx, ranking.id));
  const control = deps.cards.ranking.reviewControl(view);
  const pages = deps.cards.ranking.reviewPages(view);
  const sent = await sentKeys(trx, `unit-ranking-review:${ranking.id}:`);
  const messenger = deps.messengerFor(trx as Kysely<Database>);
  const put = async (to: string, key: string, card: Record<string, unknown>) => {
    if (!sent.has(key)) return void (await messenger.send({ type: 'open_id', id: to }, { kind: 'card', card }, key));
    await messenger.patchCard({ key }, card, `${key}:r${ranking.revision}`);
  };
  let cards = 0;
  for (const admin of await rankingReviewers(trx)) {
    for (let i = 0; i < pages.length; i++, cards++) await put(admin.openId, pageKey(ranking.id, admin.openId, i), pages[i]!);
    // Pages a longer table needed before: emptied rather than left showing old rows.
    for (let i = pages.length; sent.has(pageKey(ranking.id, admin.openId, i)); i++) {
      await put(admin.openId, pageKey(ranking.id, admin.openId, i), deps.cards.ranking.reviewPages({ ...view, rows: [] })[0]!);
    }
    if (admin.openId !== opts.except) await put(admin.openId, reviewKey(ranking.id, admin.openId), control);
    cards++;
  }
  return cards;
}

async function sentKeys(db: Db, prefix: string): Promise<Set<string>> {
  const rows = await db.selectFrom('outbox').select('idem_key').where('idem_key', 'like', `${prefix}%`).where('op', '=', 'send').execute();
  return new Set(rows.map((r) => r.idem_key).filter((k) => k.startsWith(prefix)));
}

export interface AdjustInput {
  rankingId: string;
  revision: number;
  unit: string;
  className: string;
  reason: string;
}

/** 调整类别: the city admin moves one unit to another class, with a reason that is kept and shown. */
export async function adjustRanking(deps: CoreDeps, actor: Person, input: AdjustInput): Promise<ReviewView> {
  assertRankingAdmin(actor);
  const ranking = await rankingAtRevision(deps.db, input.rankingId, input.revision);
  if (ranking.kind === 'training') throw invalidInput('学时完成情况通报不分类别，无须调整。');
  const row = findRow(ranking.doc, input.unit);
  const wanted = input.className.trim() as UnitClass;
  if (!UNIT_CLASSES.includes(wanted)) throw invalidInput(`请选择调整后的类别（${UNIT_CLASSES.join('、')}）。`);
  const reason = input.reason.trim();
  if (reason === '') throw invalidInput('调整类别须写明理由，理由会留档并随通报显示。');
  if (reason.length > REASON_MAX) throw invalidInput(`理由不超过 ${REASON_MAX} 字。`);
  const before = classOf(row);
  if (before === wanted) throw new DomainError('NOT_APPLICABLE', `${row.unitName}目前已是${wanted}，无须调整。`);

  const now = deps.clock.now();
  const adjustment = wanted === row.autoClass ? null : { class: wanted, reason, by: actor.openId, byName: actor.name, at: now.toISOString() };
  const doc: RankingDoc = { ...ranking.doc, rows: ranking.doc.rows.map((r) => (r.unitId === row.unitId ? { ...r, adjustment } : r)) };
  return commit(deps, actor, ranking, doc, { action: 'ranking.adjust', before: { unit: row.unitId, class: before }, after: { unit: row.unitId, class: wanted }, reason });
}

/** 重新计算: the ranking from the data as it stands now; the admin's adjustments stay on their units. */
export async function recomputeRanking(deps: CoreDeps, actor: Person | string, input: { rankingId: string; revision: number }): Promise<ReviewView> {
  if (typeof actor !== 'string') assertRankingAdmin(actor);
  const ranking = await rankingAtRevision(deps.db, input.rankingId, input.revision);
  const fresh = (await computeRankings(deps, ranking.periodKey)).find((c) => c.group.scope === ranking.scope);
  if (!fresh) throw invalidInput('参加这份排名的单位已不存在（组织已调整），无法重新计算。');
  const kept = new Map(ranking.doc.rows.map((r) => [r.unitId, r.adjustment]));
  // An adjustment the rules now agree with has nothing left to say.
  const keep = (r: RankingDoc['rows'][number]) => {
    const a = kept.get(r.unitId) ?? null;
    return a && a.class !== r.autoClass ? a : null;
  };
  const doc: RankingDoc = { ...fresh.doc, rows: fresh.doc.rows.map((r) => ({ ...r, adjustment: keep(r) })) };
  const summary = (d: RankingDoc) => d.rows.map((r) => [r.unitId, r.score, classOf(r)]);
  return commit(deps, actor, ranking, doc, { action: 'ranking.recompute', before: summary(ranking.doc), after: summary(doc), reason: null });
}

async function commit(
  deps: CoreDeps,
  actor: Person | string,
  ranking: StoredRanking,
  doc: RankingDoc,
  entry: { action: string; before: unknown; after: unknown; reason: string | null },
): Promise<ReviewView> {
  const now = deps.clock.now();
  const actorId = typeof actor === 'string' ? actor : actor.openId;
  const updated: StoredRanking = { ...ranking, doc, revision: ranking.revision + 1, updatedAt: now.toISOString() };
  await deps.db.transaction().execute(async (trx) => {
    if (!(await updateRanking(trx, ranking.id, ranking.revision, { doc, status: ranking.status, at: updated.updatedAt }))) {
      throw staleCard('排名已有更新，请在最新的审核卡片上操作');
    }
    await audit(trx, now, { actor: actorId, action: entry.action, entityType: 'unit_ranking', entityId: ranking.id, before: entry.before, after: entry.after, reason: entry.reason });
    await showReview(trx, deps, updated, { except: actorId });
  });
  return reviewView(updated, await latestPublication(deps.db, ranking.id));
}

/** The row a typed unit names: its id, or its exact name when only one unit has it. */
function findRow(doc: RankingDoc, text: string) {
  const wanted = text.trim();
  if (wanted === '') throw invalidInput('请填写要调整的单位名称。');
  const byId = doc.rows.find((r) => r.unitId === wanted);
  if (byId) return byId;
  const byName = doc.rows.filter((r) => r.unitName === wanted);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) throw invalidInput(`有 ${byName.length} 个单位名为“${wanted}”，请改填单位编号（${byName.map((r) => r.unitId).join('、')}）。`);
  throw invalidInput(`排名中没有“${wanted}”，请填写排名表中的单位名称。`);
}
