import { loadGradingSheet } from '../../core/monthly/grading-sheet';
import { submitMonthlyGrade } from '../../core/monthly/review.service';
import { monthlySubmit } from './monthly-actions';
import { monthlyResultCard } from './monthly-result.card';

/** 提交评鉴: grades the month and swaps the form for the read-only result. */
export default monthlySubmit.handle(async (ctx, { value, form }) => {
  const { review, person, unit, changed } = await submitMonthlyGrade(ctx.deps, ctx.actor, { reviewId: value.id, cardRevision: value.rev, form });
  const sheet = await loadGradingSheet(ctx.deps, review, { people: [person, ctx.actor], units: [unit] });
  const toast = !changed
    ? ({ type: 'info', content: '评鉴结果已保存，无需重复提交' } as const)
    : ({ type: 'success', content: review.revision > 1 ? `已重新评定：${review.tier}` : `已提交评鉴：${review.tier}` } as const);
  return { toast, card: { type: 'raw', data: monthlyResultCard(sheet) } };
});
