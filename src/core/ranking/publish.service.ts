import { audit } from '../audit';
import { announceAt } from './calm';
import type { CoreDeps } from '../deps';
import { newId } from '../ids';
import type { Person } from '../org/person';
import { staleCard } from '../errors';
import { queueAnnouncements, type AnnounceResult } from './announce.service';
import { classOf, publishedFacts } from './ranking-doc';
import { insertPublication, latestPublication, markAnnounced, updateRanking, type StoredPublication, type StoredRanking } from './ranking.repository';
import { assertRankingAdmin, rankingAtRevision, showReview } from './review.service';
import { reviewView } from './review-view';
import type { ReviewView } from './views';

export type PublishOutcome =
  | { status: 'unchanged'; view: ReviewView }
  | { status: 'published'; view: ReviewView; version: number; announceAfter: Date; announced: AnnounceResult | null };

/**
 * 发布: freezes the ranking as a new version and announces it — now inside the announce window on a
 * workday, otherwise the next workday morning (the announce job sends it then). Publishing what is
 * already published sends nothing; a later change is published as a correction (a new version).
 */
export async function publishRanking(deps: CoreDeps, actor: Person, input: { rankingId: string; revision: number }): Promise<PublishOutcome> {
  assertRankingAdmin(actor);
  const ranking = await rankingAtRevision(deps.db, input.rankingId, input.revision);
  const latest = await latestPublication(deps.db, ranking.id);
  if (latest && publishedFacts(latest.doc) === publishedFacts(ranking.doc)) return { status: 'unchanged', view: reviewView(ranking, latest) };

  const now = deps.clock.now();
  const after = announceAt(now, deps.calendar, deps.rules.unit_rating.announce_window);
  const publication: StoredPublication = {
    id: newId('up'),
    rankingId: ranking.id,
    periodKey: ranking.periodKey,
    scope: ranking.scope,
    kind: ranking.kind,
    version: (latest?.version ?? 0) + 1,
    doc: ranking.doc,
    publishedBy: actor.openId,
    publishedAt: now.toISOString(),
    announceAfter: after.toISOString(),
    announcedAt: null,
  };
  const updated: StoredRanking = { ...ranking, status: 'published', revision: ranking.revision + 1, updatedAt: now.toISOString() };
  const announced = await deps.db.transaction().execute(async (trx) => {
    if (!(await updateRanking(trx, ranking.id, ranking.revision, { doc: ranking.doc, status: 'published', at: updated.updatedAt }))) {
      throw staleCard('排名已有更新，请在最新的审核卡片上操作');
    }
    await insertPublication(trx, publication);
    await audit(trx, now, {
      actor: actor.openId,
      action: publication.version === 1 ? 'ranking.publish' : 'ranking.correct',
      entityType: 'unit_ranking',
      entityId: ranking.id,
      before: latest ? latest.doc.rows.map((r) => [r.unitId, r.rank, r.score, classOf(r)]) : undefined,
      after: { version: publication.version, rows: ranking.doc.rows.map((r) => [r.unitId, r.rank, r.score, classOf(r)]) },
    });
    let result: AnnounceResult | null = null;
    if (after <= now && (await markAnnounced(trx, publication.id, now))) result = await queueAnnouncements(trx, deps, publication);
    await showReview(trx, deps, updated, { except: actor.openId });
    return result;
  });
  const view = reviewView(updated, await latestPublication(deps.db, ranking.id));
  return { status: 'published', view, version: publication.version, announceAfter: after, announced };
}
