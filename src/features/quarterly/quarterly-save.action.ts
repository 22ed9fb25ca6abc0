import { saveAdjustments } from '../../core/quarterly/determination.service';
import { quarterlySave } from './quarterly-actions';
import { quarterDeterminationCard } from './quarterly-determination.card';

/** 保存调整: stores this page's tier choices without confirming. */
export default quarterlySave.handle(async (ctx, { value, form }) => {
  const view = await saveAdjustments(ctx.deps, ctx.actor, { pool: { scopeId: value.scope, quarterKey: value.quarter, pool: value.pool }, page: value.page, revision: value.rev, form });
  return { toast: { type: 'success', content: '已保存调整，尚未确认审定' }, card: { type: 'raw', data: quarterDeterminationCard(view) } };
});
