import { audit } from '../audit';
import { findActivePeople } from '../org/people.repository';
import type { CoreDeps } from '../deps';
import { newId } from '../ids';
import { classOf } from './ranking-doc';
import { KIND_LABELS, kindOfKey, periodEnd, periodLabel, periodsEndingIn } from './ranking-period';
import { findRanking, insertRanking } from './ranking.repository';
import { computeRankings } from './compute.service';
import { rankingReviewers, showReview } from './review.service';

export const DRAFT_ACTOR = 'system:unit-ranking';

export interface DraftResult {
  periodKey: string;
  drafted: number;
  alreadyDrafted: number;
  units: number;
  cards: number;
  reviewers: number;
}

/**
 * Drafts the rankings of one period (one per scope) and sends each city admin the review cards. A
 * ranking already drafted is left as it is (a re-run, or the admin already adjusted it); only
 * 重新计算 on the review card replaces its figures.
 */
export async function draftPeriod(deps: CoreDeps, periodKey: string): Promise<DraftResult> {
  const reviewers = await rankingReviewers(deps.db);
  const result: DraftResult = { periodKey, drafted: 0, alreadyDrafted: 0, units: 0, cards: 0, reviewers: reviewers.length };
  // A period that ended before anyone in the organisation joined (a first start catching up) is not ranked.
  const end = periodEnd(periodKey);
  if (!(await findActivePeople(deps.db)).some((p) => p.joinedOn <= end)) return result;
  const computed = await computeRankings(deps, periodKey);
  const at = deps.clock.now();
  for (const { group, doc } of computed) {
    result.units += doc.rows.length;
    await deps.db.transaction().execute(async (trx) => {
      const id = newId('ur');
      if (!(await insertRanking(trx, { id, periodKey, scope: group.scope, kind: doc.kind, doc, at: at.toISOString() }))) {
        result.alreadyDrafted++;
        return;
      }
      result.drafted++;
      await audit(trx, at, {
        actor: DRAFT_ACTOR,
        action: 'ranking.draft',
        entityType: 'unit_ranking',
        entityId: id,
        after: doc.rows.map((r) => [r.unitId, r.score, classOf(r)]),
      });
      const ranking = await findRanking(trx, periodKey, group.scope);
      result.cards += await showReview(trx, deps, ranking!);
    });
  }
  return result;
}

/** The `unit-ranking` job: every configured period that ends with `monthKey`. */
export async function draftDueRankings(deps: CoreDeps, monthKey: string): Promise<string> {
  const periods = periodsEndingIn(monthKey, deps.rules.unit_rating);
  const lines: string[] = [];
  for (const periodKey of periods) lines.push(describeDraft(await draftPeriod(deps, periodKey)));
  return lines.join('；') || `${periodLabel(monthKey)}：规则未设置需要排名的周期`;
}

/**
 * The 学时 bulletin of a credits checkpoint (`2026-midyear`, `2026-yearend`): drafted and reviewed the
 * same way, then published as unit-level completion rates. Called from the credits-checkpoint job.
 */
export async function draftTrainingBulletin(deps: CoreDeps, checkpointKey: string): Promise<string> {
  return describeDraft(await draftPeriod(deps, checkpointKey));
}

export function describeDraft(r: DraftResult): string {
  const what = `${periodLabel(r.periodKey)}${KIND_LABELS[kindOfKey(r.periodKey)]}`;
  if (r.drafted === 0 && r.alreadyDrafted === 0) return `${what}：没有参加排名的单位（或该期早于人员加入时间）`;
  const parts = [`${what}：生成草稿 ${r.drafted} 份（${r.units} 个单位）`];
  if (r.alreadyDrafted > 0) parts.push(`已有草稿 ${r.alreadyDrafted} 份未重复生成`);
  if (r.drafted > 0) parts.push(r.reviewers > 0 ? `发出审核卡片 ${r.cards} 张` : '没有管理员（admin）可审核，设置后发送“排名 审核”获取审核卡片');
  return parts.join('，');
}
