import { confirmPool } from '../../src/core/grading/quarter-determination.service';
import { defineAction } from '../../src/dispatch/define';
import { quarterCards } from '../quarter-cards.card';
import { QUARTER_CONFIRM_ACTION, quarterDeterminationCard } from '../quarter-determination.card';
import { poolFromValue } from './quarter-pool-value';

export default defineAction({
  key: QUARTER_CONFIRM_ACTION,
  async run(ctx, { value, form }) {
    const view = await confirmPool(ctx.deps, quarterCards, ctx.actor, poolFromValue(value), form);
    return { toast: { type: 'success', content: '已确认审定并锁定，结果已私信反馈' }, card: { type: 'raw', data: quarterDeterminationCard(view) } };
  },
});
