import { saveSummary } from '../../core/summary/self-summary.service';
import { summarySave } from './summary-actions';
import { summaryFormCard } from './summary-form.card';

/** 保存草稿: keeps the text as the clicker's own draft for the card's period (over the limit too). */
export default summarySave.handle(async (ctx, { value, form }) => {
  const outcome = await saveSummary(ctx.deps, ctx.actor, { periodKey: value.period, text: form.summary, submit: false });
  return {
    toast: outcome.ok ? { type: 'success', content: '草稿已保存' } : { type: 'error', content: outcome.message },
    card: { type: 'raw', data: summaryFormCard(outcome.vm) },
  };
});
