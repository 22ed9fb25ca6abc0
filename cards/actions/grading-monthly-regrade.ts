import { openReviewForGrading } from '../../src/core/grading/monthly-review.service';
import { loadGradingSheet } from '../../src/core/grading/monthly-sheet';
import { defineAction } from '../../src/dispatch/define';
import { MONTHLY_REGRADE_ACTION, monthlyGradingCard } from '../grading-monthly-form.card';
import { reviewIdOf } from './grading-card-value';

/** 重新评定: reopens the form with the stored grade, if the actor may still change it. */
export default defineAction({
  key: MONTHLY_REGRADE_ACTION,
  async run(ctx, { value }) {
    const review = await openReviewForGrading(ctx.deps, ctx.openId, reviewIdOf(value));
    return { card: { type: 'raw', data: monthlyGradingCard(await loadGradingSheet(ctx.deps, review)) } };
  },
});
