import { saveAdjustments } from '../../src/core/grading/quarter-determination.service';
import { defineAction } from '../../src/dispatch/define';
import { QUARTER_SAVE_ACTION, quarterDeterminationCard } from '../quarter-determination.card';
import { poolFromValue } from './quarter-pool-value';

export default defineAction({
  key: QUARTER_SAVE_ACTION,
  async run(ctx, { value, form }) {
    const view = await saveAdjustments(ctx.deps, ctx.actor, poolFromValue(value), form);
    return { toast: { type: 'success', content: '已保存调整，尚未确认审定' }, card: { type: 'raw', data: quarterDeterminationCard(view) } };
  },
});
