import { saveSummary } from '../../core/summary/self-summary.service';
import { summarySubmit } from './summary-actions';
import { summaryFormCard } from './summary-form.card';

/**
 * 提交: stores the clicker's own summary for the card's period. Over the limit it is refused with
 * the count, and the text stays in the card and as the draft, so nothing typed is lost.
 */
export default summarySubmit.handle(async (ctx, { value, form }) => {
  const outcome = await saveSummary(ctx.deps, ctx.actor, { periodKey: value.period, text: form.summary, submit: true });
  return {
    toast: outcome.ok ? { type: 'success', content: '个人小结已提交' } : { type: 'error', content: outcome.message },
    card: { type: 'raw', data: summaryFormCard(outcome.vm) },
  };
});
