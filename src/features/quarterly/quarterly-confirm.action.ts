import { confirmPool } from '../../core/quarterly/determination.service';
import { defineAction } from '../../../commands/define-command';
import { quarterCards } from './card-port';
import { QUARTER_CONFIRM_ACTION, quarterDeterminationCard } from './quarterly-determination.card';
import { poolFromValue } from './pool-value';

export default defineAction({
  key: QUARTER_CONFIRM_ACTION,
  async run(ctx, { value, form }) {
    const view = await confirmPool(ctx.deps, quarterCards, ctx.actor, poolFromValue(value), form);
    return { toast: { type: 'success', content: '已确认审定并锁定，结果已私信反馈' }, card: { type: 'raw', data: quarterDeterminationCard(view) } };
  },
});
