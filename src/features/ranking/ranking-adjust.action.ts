import { adjustRanking } from '../../core/ranking/review.service';
import { rankingAdjust } from './ranking-actions';
import { rankingReviewCard } from './ranking-review.card';

/** 调整类别: moves one unit to another class with a reason (audited); the review cards follow. */
export default rankingAdjust.handle(async (ctx, { value, form }) => {
  const view = await adjustRanking(ctx.deps, ctx.actor, { rankingId: value.id, revision: value.rev, unit: form.unit, className: form.class, reason: form.reason });
  return { toast: { type: 'success', content: '已调整，尚未发布；发布后各单位方可看到。' }, card: { type: 'raw', data: rankingReviewCard(view) } };
});
