import { shanghaiDate } from '../../core/calendar/periods';
import { submitClaim } from '../../core/credits/claims.service';
import { forbidden } from '../../core/errors';
import { defineAction } from '../../../commands/define-command';
import { CLAIM_SUBMIT_ACTION, claimFormCard, claimSubmittedCard } from './credits-claim-form.card';
import { claimFormValues } from './credits-form-values';

export default defineAction({
  key: CLAIM_SUBMIT_ACTION,
  async run(ctx, { form }) {
    if (!ctx.actor) throw forbidden();
    const values = claimFormValues(form);
    const result = await submitClaim(ctx.deps, ctx.actor, values);
    if (result.ok) {
      const approverNames = result.approvers.map((p) => p.name);
      return {
        toast: { type: 'success', content: '已提交，等待考核管理员审核。' },
        card: { type: 'raw', data: claimSubmittedCard({ record: result.record, approverNames }) },
      };
    }
    if (result.existing?.status === 'pending') {
      return {
        toast: { type: 'info', content: '这条申报已提交，正在审核中。' },
        card: { type: 'raw', data: claimSubmittedCard({ record: result.existing, approverNames: [] }) },
      };
    }
    // The form comes back with what was typed, so nothing has to be entered twice.
    const { deps } = ctx;
    const card = claimFormCard({
      values,
      today: shanghaiDate(deps.clock.now()),
      hoursPerDay: deps.rules.training.hours_per_day,
      problems: result.problems,
    });
    return { toast: { type: 'error', content: result.problems[0] ?? '申报内容有误，请修改后重新提交。' }, card: { type: 'raw', data: card } };
  },
});
