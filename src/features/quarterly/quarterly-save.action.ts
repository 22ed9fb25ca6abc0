import { saveAdjustments } from '../../core/quarterly/determination.service';
import { defineAction } from '../../../commands/define-command';
import { QUARTER_SAVE_ACTION, quarterDeterminationCard } from './quarterly-determination.card';
import { poolFromValue } from './pool-value';

export default defineAction({
  key: QUARTER_SAVE_ACTION,
  async run(ctx, { value, form }) {
    const view = await saveAdjustments(ctx.deps, ctx.actor, poolFromValue(value), form);
    return { toast: { type: 'success', content: '已保存调整，尚未确认审定' }, card: { type: 'raw', data: quarterDeterminationCard(view) } };
  },
});
