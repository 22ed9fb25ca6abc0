import { decideClaim, type Decision } from '../../core/credits/claims.service';
import { forbidden } from '../../core/errors';
import { defineAction, type ActionDef } from '../../../commands/define-command';
import { CLAIM_APPROVE_ACTION, CLAIM_REJECT_ACTION } from './credits-claim-approval.card';
import { textField } from './credits-form-values';

const DONE: Record<string, string> = { approved: '已批准', rejected: '已驳回' };

function decideAction(key: string, decision: Decision): ActionDef {
  return defineAction({
    key,
    async run(ctx, { value, form }) {
      if (!ctx.actor) throw forbidden();
      const result = await decideClaim(ctx.deps, ctx.actor, value.id, decision, textField(form, 'reason'));
      const status = DONE[result.record.status] ?? '已处理';
      return {
        toast: result.changed
          ? { type: 'success', content: `${status}，已通知申报人。` }
          : { type: 'info', content: `这条申报此前已处理（${status}），无需重复操作。` },
        card: { type: 'raw', data: result.card },
      };
    },
  });
}

export const approveClaim = decideAction(CLAIM_APPROVE_ACTION, 'approve');
export const rejectClaim = decideAction(CLAIM_REJECT_ACTION, 'reject');
