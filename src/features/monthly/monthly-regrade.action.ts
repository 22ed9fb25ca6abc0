import { loadGradingSheet } from '../../core/monthly/grading-sheet';
import { openReviewForGrading } from '../../core/monthly/review.service';
import { monthlyRegrade } from './monthly-actions';
import { monthlyGradingCard } from './monthly-form.card';

/** 重新评定: reopens the form with the stored grade, if the actor may still change it. */
export default monthlyRegrade.handle(async (ctx, { value }) => {
  const review = await openReviewForGrading(ctx.deps, ctx.actor, value.id);
  return { card: { type: 'raw', data: monthlyGradingCard(await loadGradingSheet(ctx.deps, review)) } };
});
