import { confirmPool } from '../../core/quarterly/determination.service';
import { quarterlyConfirm } from './quarterly-actions';
import { quarterDeterminationCard } from './quarterly-determination.card';

/** 确认审定: saves the page, then locks the pool (or records a first confirmation) and sends everyone's private feedback. */
export default quarterlyConfirm.handle(async (ctx, { value, form }) => {
  const view = await confirmPool(ctx.deps, ctx.actor, { pool: { scopeId: value.scope, quarterKey: value.quarter, pool: value.pool }, page: value.page, revision: value.rev, form });
  const toast = view.locked ? '已确认审定并锁定，结果已私信反馈' : '已确认，待另一位管理员复核后锁定';
  return { toast: { type: 'success', content: toast }, card: { type: 'raw', data: quarterDeterminationCard(view) } };
});
