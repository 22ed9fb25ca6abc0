import { recomputeRanking } from '../../core/ranking/review.service';
import { rankingRecompute } from './ranking-actions';
import { rankingReviewCard } from './ranking-review.card';

/** 重新计算: the ranking from the data as it stands now; adjustments stay on their units. */
export default rankingRecompute.handle(async (ctx, { value }) => {
  const view = await recomputeRanking(ctx.deps, ctx.actor, { rankingId: value.id, revision: value.rev });
  return { toast: { type: 'success', content: '已按最新数据重新计算。' }, card: { type: 'raw', data: rankingReviewCard(view) } };
});
