import type { ActionContext, ActionInput } from '../../../cards/define-action';
import type { CardResponse } from '../../dispatch/inbound';
import { reviewView } from '../../core/weekly/weekly-views';
import { reviewWeeklyLog } from '../../core/weekly/weekly.service';
import { weeklyConfirm, weeklyReturn } from './weekly-actions';
import { weeklyReviewCard } from './weekly-review.card';

/** 确认 and 退回 on the supervisor's card: the service re-loads the record and checks the clicker against it. */
async function decide(ctx: ActionContext, { value, form }: ActionInput<typeof weeklyConfirm.value, typeof weeklyConfirm.form>, decision: 'confirm' | 'return'): Promise<CardResponse> {
  const { log, author } = await reviewWeeklyLog(ctx.deps, ctx.actor, { logId: value.id, revision: value.rev, decision, comment: form.comment });
  const vm = await reviewView(ctx.deps.db, log, author);
  return {
    toast: { type: 'success', content: decision === 'confirm' ? `已确认${author.name}的周记` : `已退回，${author.name}会收到您的意见` },
    card: { type: 'raw', data: weeklyReviewCard(vm) },
  };
}

export const confirmWeekly = weeklyConfirm.handle((ctx, input) => decide(ctx, input, 'confirm'));
export const returnWeekly = weeklyReturn.handle((ctx, input) => decide(ctx, input, 'return'));
