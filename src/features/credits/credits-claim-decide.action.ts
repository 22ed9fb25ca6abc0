import { decideClaim, type Decision } from '../../core/credits/claims.service';
import type { ActionSpec } from '../../../cards/define-action';
import { claimApprove, claimReject } from './credits-actions';
import { claimApprovalCard } from './credits-claim-approval.card';

const DONE: Record<string, string> = { approved: '已批准', rejected: '已驳回' };

/** 批准 / 驳回 on the approval card; a claim already decided (a double click, another admin) is said so. */
function decideWith(spec: ActionSpec<typeof claimApprove.value, typeof claimApprove.form>, decision: Decision) {
  return spec.handle(async (ctx, { value, form }) => {
    const result = await decideClaim(ctx.deps, ctx.actor, { claimId: value.id, decision, reason: form.reason });
    const status = DONE[result.record.status] ?? '已处理';
    return {
      toast: result.changed
        ? { type: 'success', content: `${status}，已通知申报人。` }
        : { type: 'info', content: `这条申报此前已处理（${status}），无需重复操作。` },
      card: { type: 'raw', data: claimApprovalCard(result.view) },
    };
  });
}

export const approveClaim = decideWith(claimApprove, 'approve');
export const rejectClaim = decideWith(claimReject, 'reject');
