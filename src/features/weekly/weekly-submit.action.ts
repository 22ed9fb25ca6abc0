import { defineAction } from '../../../commands/define-command';
import { receiptView } from '../../core/weekly/weekly-views';
import { submitWeeklyLog } from '../../core/weekly/weekly.service';
import { WEEKLY_SUBMIT } from './weekly-form.card';
import { weeklyReceiptCard } from './weekly-receipt.card';
import { stringField, weekOf } from './weekly-values';

/**
 * The form's 提交: the week comes from the card, so the service re-checks it is still writable. On an
 * error the card is left as it is, so nothing typed is lost.
 */
export default defineAction({
  key: WEEKLY_SUBMIT,
  async run(ctx, { value, form }) {
    const outcome = await submitWeeklyLog(ctx.deps, ctx.actor!, {
      weekKey: weekOf(value),
      done: stringField(form, 'done'),
      plan: stringField(form, 'plan'),
      bonusClaim: stringField(form, 'bonus'),
    });
    const content = outcome.unchanged ? '内容未改动' : outcome.log.revision > 1 ? '修改已保存' : outcome.log.late ? '已提交（逾期补交）' : '周记已提交';
    return {
      toast: { type: 'success', content },
      card: { type: 'raw', data: weeklyReceiptCard(receiptView(outcome.log, outcome.supervisorName, outcome.unchanged)) },
    };
  },
});
