import { describeApplyResult } from '../../core/org/org-change';
import { confirmHeldChange } from '../../core/org/org-hold.service';
import { orgSyncConfirm } from './org-actions';
import { orgSyncDoneCard } from './org-change.card';

/** 确认同步: applies the held preview if the change set is still the one the card shows. */
export default orgSyncConfirm.handle(async (ctx, { value }) => {
  const outcome = await confirmHeldChange(ctx.deps, ctx.actor, value.id, value.rev);
  if (!outcome.applied) return { toast: { type: 'error', content: '同步未执行，请重新发送“同步”。' } };
  return {
    toast: { type: 'success', content: `同步完成：${describeApplyResult(outcome.result)}` },
    card: { type: 'raw', data: orgSyncDoneCard(outcome.preview, outcome.result) },
  };
});
