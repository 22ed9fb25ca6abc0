import { publishRanking } from '../../core/ranking/publish.service';
import { instantLabel } from '../../core/quarterly/format';
import { rankingPublish } from './ranking-actions';
import { rankingReviewCard } from './ranking-review.card';

/** 发布 / 发布更正: announces now in working hours, else the next workday morning; twice sends nothing. */
export default rankingPublish.handle(async (ctx, { value }) => {
  const outcome = await publishRanking(ctx.deps, ctx.actor, { rankingId: value.id, revision: value.rev });
  const card = { type: 'raw' as const, data: rankingReviewCard(outcome.view) };
  if (outcome.status === 'unchanged') return { toast: { type: 'info', content: '这份排名已发布，之后没有修改，本次不重复发送。' }, card };
  const what = outcome.version > 1 ? `更正（第 ${outcome.version} 版）` : '排名';
  if (!outcome.announced) return { toast: { type: 'success', content: `已发布${what}。现在是非工作时间，通报将于 ${instantLabel(outcome.announceAfter.toISOString())} 发送。` }, card };
  const missing = outcome.announced.withoutChat.length > 0 ? `；${outcome.announced.withoutChat.length} 个单位未设置单位群，未发送` : '';
  return { toast: { type: 'success', content: `已发布${what}，通报已发往 ${outcome.announced.units} 个单位群${missing}。` }, card };
});
