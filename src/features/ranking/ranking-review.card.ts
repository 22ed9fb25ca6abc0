import type { CardJson } from '../../core/ports';
import type { ReviewView } from '../../core/ranking/views';
import { UNIT_CLASSES } from '../../core/rules/terms';
import { card, columns, form, hr, input, md, note, select } from '../../../cards/components';
import { rankingAdjust, rankingPublish, rankingRecompute } from './ranking-actions';
import { highlightLines } from './ranking-pages';

function statusOf(v: ReviewView): { subtitle: string; template: 'orange' | 'green'; publish: string } {
  if (v.version === null) return { subtitle: '草稿待审核', template: 'orange', publish: '发布' };
  if (v.changedSincePublished) return { subtitle: `已发布第 ${v.version} 版，有未发布的修改`, template: 'orange', publish: '发布更正' };
  return { subtitle: `已发布第 ${v.version} 版`, template: 'green', publish: '已发布' };
}

/**
 * The city admin's review card: the counts per class, every unit outside 一般 with the reason that put
 * it there, how missing data was treated, a form to move a unit to another class (a reason is
 * required and kept), 重新计算 and 发布. The full table follows on the page cards.
 */
export function rankingReviewCard(v: ReviewView): CardJson {
  const status = statusOf(v);
  const value = { id: v.rankingId, rev: v.revision };
  const head = v.training
    ? `**参加统计** ${v.rankedCount}/${v.unitCount} 个单位　**平均达标率** ${v.meanText.replace(' 分', '%')}`
    : `**参加排名** ${v.rankedCount}/${v.unitCount} 个单位　**平均分** ${v.meanText}　**先进名额** ${v.seats} 个`;
  const elements = [md(head)];
  if (!v.training) elements.push(md(`**各类别**：${v.classCounts.map((c) => `${c.name} ${c.count} 个`).join('、') || '—'}`));
  elements.push(note(`指标与权重：${v.indicatorsText}`));
  if (v.coverage.length > 0) elements.push(md(`**数据情况**\n${v.coverage.map((c) => `- ${c}`).join('\n')}`));
  if (v.highlights.length > 0) elements.push(md(`**先进单位与负面类别（含依据）**\n${highlightLines(v.highlights)}`));
  if (v.announceNote) elements.push(note(v.announceNote));
  elements.push(hr());
  if (!v.training) {
    elements.push(
      form('ranking_adjust', [
        input({ name: 'unit', label: '调整单位', placeholder: '填写排名表中的单位名称', required: true, maxLength: 100 }),
        select({ name: 'class', placeholder: '调整后的类别', options: UNIT_CLASSES.map((c) => ({ label: c, value: c })), required: true }),
        input({ name: 'reason', label: '调整理由（必填，留档并随通报显示）', placeholder: '如：经核实，该单位本月承担专项任务，周记缺交已补报', required: true, maxLength: 200 }),
        rankingAdjust.submit('调整类别', 'adjust', value, 'default'),
      ]),
    );
  }
  elements.push(
    columns([[rankingRecompute.button('重新计算', value)], [rankingPublish.button(status.publish, value, 'primary_filled')]]),
    note('发布后，各单位群收到本单位的名次、类别和拉低得分的指标，市级群收到完整排名；非工作时间发布的，于下一个工作日上午发送。发布后再修改，可发布更正。'),
  );
  return card({ title: `审核 · ${v.title}`, subtitle: status.subtitle, template: status.template, elements });
}
