import { remindTeam } from '../../core/weekly/team';
import { weeklyRemind } from './weekly-actions';

/** 提醒未交 on the digest or /团队 card; whom to remind is worked out from the clicker, not the card. */
export default weeklyRemind.handle(async (ctx, { value }) => {
  const { owing } = await remindTeam(ctx.deps, ctx.actor, value.week);
  if (owing.length === 0) return { toast: { type: 'info', content: '该周周记已全部提交，无需提醒。' } };
  const names = owing.map((e) => e.person.name).join('、');
  return { toast: { type: 'success', content: `已私聊提醒未交人员：${names}（同一周每人只提醒一次，已提醒过的不再重复发送）` } };
});
