import { confirmPool } from '../../core/quarterly/determination.service';
import { quarterlyConfirm } from './quarterly-actions';
import { quarterDeterminationCard } from './quarterly-determination.card';

/** 确认审定: locks the pool and sends everyone's private feedback. */
export default quarterlyConfirm.handle(async (ctx, { value, form }) => {
  const view = await confirmPool(ctx.deps, ctx.actor, { pool: { unitId: value.unit, quarterKey: value.quarter, level: value.level }, revision: value.rev, form });
  return { toast: { type: 'success', content: '已确认审定并锁定，结果已私信反馈' }, card: { type: 'raw', data: quarterDeterminationCard(view) } };
});
