import { receiptView } from '../../core/weekly/weekly-views';
import { submitWeeklyLog } from '../../core/weekly/weekly.service';
import { weeklySubmit } from './weekly-actions';
import { weeklyReceiptCard } from './weekly-receipt.card';

/**
 * The form's 提交: the week comes from the card, so the service re-checks it is still writable, and
 * the revision, so a form older than the record cannot overwrite it. On an error the card is left as
 * it is, so nothing typed is lost.
 */
export default weeklySubmit.handle(async (ctx, { value, form }) => {
  const outcome = await submitWeeklyLog(ctx.deps, ctx.actor, {
    weekKey: value.week,
    done: form.done,
    plan: form.plan,
    bonusClaim: form.bonus,
    expectedRevision: value.rev,
  });
  const content = outcome.unchanged ? '内容未改动' : outcome.log.revision > 1 ? '修改已保存' : outcome.log.late ? '已提交（逾期补交）' : '周记已提交';
  return {
    toast: { type: 'success', content },
    card: { type: 'raw', data: weeklyReceiptCard(receiptView(outcome.log, outcome.supervisorName, outcome.unchanged)) },
  };
});
