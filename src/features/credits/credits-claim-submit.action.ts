import { shanghaiDate } from '../../core/calendar/periods';
import { submitClaim } from '../../core/credits/claims.service';
import { claimSubmit } from './credits-actions';
import { claimFormCard, claimSubmittedCard } from './credits-claim-form.card';

/** 提交申报: stores the claim and sends it for approval; a refused form comes back with what was typed. */
export default claimSubmit.handle(async (ctx, { form }) => {
  const result = await submitClaim(ctx.deps, ctx.actor, form);
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
  const { deps } = ctx;
  const card = claimFormCard({ values: form, today: shanghaiDate(deps.clock.now()), hoursPerDay: deps.rules.training.hours_per_day, problems: result.problems });
  return { toast: { type: 'error', content: result.problems[0] ?? '申报内容有误，请修改后重新提交。' }, card: { type: 'raw', data: card } };
});
