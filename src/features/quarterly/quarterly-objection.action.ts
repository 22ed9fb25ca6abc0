import { decide } from '../../core/quarterly/objection-decision.service';
import { objectionReject, objectionUphold } from './quarterly-actions';
import { objectionReviewCard } from './quarterly-objection-review.card';

/** 更正等次: an audited correction of the locked quarter, still under the 好 quota. */
export const upholdObjection = objectionUphold.handle(async (ctx, { value, form }) => {
  const view = await decide(ctx.deps, ctx.actor, { objectionId: value.id, kind: 'uphold', answer: form.answer, tier: form.tier, swap: form.swap });
  return { toast: { type: 'success', content: '已更正等次，并告知本人' }, card: { type: 'raw', data: objectionReviewCard(view) } };
});

/** 维持原结果, with the answer the person receives. */
export const rejectObjection = objectionReject.handle(async (ctx, { value, form }) => {
  const view = await decide(ctx.deps, ctx.actor, { objectionId: value.id, kind: 'reject', answer: form.answer });
  return { toast: { type: 'success', content: '已维持原结果，并告知本人' }, card: { type: 'raw', data: objectionReviewCard(view) } };
});
