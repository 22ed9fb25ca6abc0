import type { BotContext, ActionInput } from '../../../commands/define-command';
import type { CardResponse } from '../../dispatch/inbound';
import { reviewView } from '../../core/weekly/weekly-views';
import { reviewWeeklyLog } from '../../core/weekly/weekly.service';
import { weeklyReviewCard } from './weekly-review.card';
import { revisionOf, stringField } from './weekly-values';

/** Shared by 确认 and 退回: the service re-loads the record and checks the clicker against it. */
export async function reviewAction(ctx: BotContext, { value, form }: ActionInput, decision: 'confirm' | 'return'): Promise<CardResponse> {
  const { log, author } = await reviewWeeklyLog(ctx.deps, ctx.actor!, {
    logId: stringField(value, 'id'),
    revision: revisionOf(value),
    decision,
    comment: stringField(form, 'comment'),
  });
  const vm = await reviewView(ctx.deps.db, log, author);
  return {
    toast: { type: 'success', content: decision === 'confirm' ? `已确认${author.name}的周记` : `已退回，${author.name}会收到您的意见` },
    card: { type: 'raw', data: weeklyReviewCard(vm) },
  };
}
