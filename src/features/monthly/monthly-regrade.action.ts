import { openReviewForGrading } from '../../core/monthly/review.service';
import { loadGradingSheet } from '../../core/monthly/grading-sheet';
import { defineAction } from '../../../commands/define-command';
import { MONTHLY_REGRADE_ACTION, monthlyGradingCard } from './monthly-form.card';
import { reviewIdOf } from './monthly-card-value';

/** 重新评定: reopens the form with the stored grade, if the actor may still change it. */
export default defineAction({
  key: MONTHLY_REGRADE_ACTION,
  async run(ctx, { value }) {
    const review = await openReviewForGrading(ctx.deps, ctx.openId, reviewIdOf(value));
    return { card: { type: 'raw', data: monthlyGradingCard(await loadGradingSheet(ctx.deps, review)) } };
  },
});
