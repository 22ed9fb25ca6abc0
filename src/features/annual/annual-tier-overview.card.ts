import type { CardJson } from '../../core/ports';
import type { TierOverviewView } from '../../core/annual/views';
import { card, escapeMd, hr, md, note, table } from '../../../cards/components';
import { monthLinesMd } from '../quarterly/quarterly-feedback.card';

/** /等次: one person's year — months, determined quarters and the annual 优秀 eligibility. */
export function tierOverviewCard(v: TierOverviewView): CardJson {
  const who = v.own ? '您' : escapeMd(v.name);
  const a = v.annual;
  const eligibility = a.eligible
    ? '**年度评优资格**：具备（可参加年度“优秀”等次评定）'
    : `**年度评优资格**：暂不具备\n${a.reasons.map((r) => `- ${escapeMd(r)}`).join('\n')}`;
  return card({
    title: `${v.own ? '我的' : `${v.name}的`}平时考核等次 · ${v.year}年`,
    template: 'blue',
    elements: [
      md(`**各月评鉴**\n${monthLinesMd(v.months, '本年度暂无月度评鉴结果。')}`),
      hr(),
      md('**各季度审定**'),
      table(
        [
          { name: 'quarter', label: '季度' },
          { name: 'tier', label: '等次' },
          { name: 'score', label: '得分' },
        ],
        v.quarters.map((q) => ({ quarter: q.label, tier: q.tier === null ? '尚未审定' : `${q.tier}${q.corrected ? '（经更正）' : ''}`, score: q.tier === null ? '—' : q.score })),
      ),
      hr(),
      md(`${eligibility}\n**“好”等次**：${a.goodQuarters} 次　**一般及以下**：${a.lowQuarters} 次　**学时**：${escapeMd(a.creditsLabel)}`),
      ...(a.deferred ? [md('⏸ **年度等次缓定**：当年培训任务未完成，待完成后再确定年度等次。')] : []),
      ...(a.honourLoss ? [md(`⚠️ ${escapeMd(a.honourLoss)}`)] : []),
      note(`以上为${who}的个人结果，仅本人、主管领导和考核管理员可见。对已审定的季度结果有异议，可在反馈后规定期限内发送“/异议 理由”。`),
    ],
  });
}
