import { decide } from '../../core/quarterly/objection-decision.service';
import { defineAction } from '../../../commands/define-command';
import { OBJECTION_REJECT_ACTION, objectionReviewCard } from './quarterly-objection-review.card';
import { quarterCards } from './card-port';

export default defineAction({
  key: OBJECTION_REJECT_ACTION,
  async run(ctx, { value, form }) {
    const view = await decide(ctx.deps, quarterCards, ctx.actor, value.id, { kind: 'reject', answer: form?.answer });
    return { toast: { type: 'success', content: '已维持原结果，并告知本人' }, card: { type: 'raw', data: objectionReviewCard(view) } };
  },
});
