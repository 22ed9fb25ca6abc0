import { readGradeForm } from '../../core/monthly/grade-form';
import { submitMonthlyGrade } from '../../core/monthly/review.service';
import { loadGradingSheet } from '../../core/monthly/grading-sheet';
import { defineAction } from '../../../commands/define-command';
import { MONTHLY_SUBMIT_ACTION } from './monthly-form.card';
import { monthlyResultCard } from './monthly-result.card';
import { cardRevision, reviewIdOf } from './monthly-card-value';

/** 提交评鉴: grades the month and swaps the form for the read-only result. */
export default defineAction({
  key: MONTHLY_SUBMIT_ACTION,
  async run(ctx, { value, form }) {
    const { review, changed } = await submitMonthlyGrade(ctx.deps, ctx.openId, {
      reviewId: reviewIdOf(value),
      cardRevision: cardRevision(value),
      form: readGradeForm(form),
    });
    const sheet = await loadGradingSheet(ctx.deps, review);
    const toast = !changed
      ? ({ type: 'info', content: '评鉴结果已保存，无需重复提交' } as const)
      : ({ type: 'success', content: review.revision > 1 ? `已重新评定：${review.tier}` : `已提交评鉴：${review.tier}` } as const);
    return { toast, card: { type: 'raw', data: monthlyResultCard(sheet) } };
  },
});
