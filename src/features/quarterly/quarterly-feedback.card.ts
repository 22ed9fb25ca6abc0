import type { CardJson } from '../../core/ports';
import type { FeedbackView, MonthLine } from '../../core/quarterly/views';
import { card, escapeMd, hr, md, note } from '../../../cards/components';

/** "91 分", or 暂无得分 when nothing was scored. */
export const scoreWithUnit = (score: string): string => (score === '—' ? '暂无得分' : `${score} 分`);

export function monthLinesMd(months: readonly MonthLine[], empty = '本季度没有月度评鉴结果。'): string {
  if (months.length === 0) return empty;
  return months
    .map((m) => `- ${m.label}：${m.tier}，${scoreWithUnit(m.score)}${m.comment?.trim() ? `\n  主管领导评语：${escapeMd(m.comment.trim())}` : ''}`)
    .join('\n');
}

/** 结果反馈: sent privately to the person only. */
export function quarterFeedbackCard(v: FeedbackView): CardJson {
  return card({
    title: `平时考核结果反馈 · ${v.quarterLabel}`,
    template: 'blue',
    elements: [
      md(`**${escapeMd(v.name)}**，您${v.quarterLabel}的平时考核结果已经审定：\n**等次：${v.tier}**　季度得分：${scoreWithUnit(v.score)}（${v.level}）`),
      ...(v.undeterminedReason ? [md(`**为何不定等次：**${escapeMd(v.undeterminedReason)}`)] : []),
      ...(v.composition ? [md(`**得分构成**：${v.composition}`)] : []),
      hr(),
      md(`**各月情况**\n${monthLinesMd(v.months)}`),
      hr(),
      md(`如对结果有异议，请于 **${v.deadlineLabel}（含）** 前（${v.objectionWorkdays} 个工作日内）向我发送“/异议 理由”，由本单位考核管理员处理并答复。`),
      note('本结果仅您本人、您的主管领导和考核管理员可见。发送“/等次”可随时查看本年度各月、各季度结果。'),
    ],
  });
}
