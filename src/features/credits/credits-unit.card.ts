import type { UnitCredits } from '../../core/credits/credits-views';
import type { CreditsUnitOptions } from '../../core/credits/credits-views';
import type { CardJson } from '../../core/ports';
import { card, md, note, progressBar, table } from '../../../cards/components';
import { h } from './credits-format';

/** Feishu refuses a card over 30 KB; 150 rows of the longest names and shortfalls stay well under it. */
const ROWS_ON_CARD = 150;

/** A unit's completion rate and who is behind; for its 考核管理员 only. */
export function creditsUnitCard(v: UnitCredits, opts: CreditsUnitOptions = {}): CardJson {
  const c = v.completion;
  const elements = [
    md(`**${v.year} 年学时达标 ${c.met} / ${c.headcount} 人**\n${progressBar(c.completionRate)}`),
  ];
  if (c.behind.length === 0) {
    elements.push(md(c.headcount === 0 ? '本单位暂无在册人员。' : '全部人员均已达到年度学时要求。'));
  } else {
    elements.push(md(`**尚未达标（${c.behind.length} 人，按差额排序）**`));
    elements.push(
      table(
        [
          { name: 'name', label: '姓名' },
          { name: 'remaining', label: '差额合计' },
          { name: 'missing', label: '未达标项目' },
        ],
        c.behind.slice(0, ROWS_ON_CARD).map((b) => ({ name: b.name, remaining: h(b.remainingHours), missing: b.missing })),
      ),
    );
    if (c.behind.length > ROWS_ON_CARD) {
      elements.push(note(`差额较小的 ${c.behind.length - ROWS_ON_CARD} 人未列出；完整名单请由系统管理员导出学时台账（export credits）。`));
    }
  }
  elements.push(note('可发送“学分 姓名”查看个人明细。名单仅供考核管理员督促使用，请勿在群内公布。'));
  return card({
    title: `${v.unitName} · 学时完成情况`,
    ...(opts.subtitle ? { subtitle: opts.subtitle } : {}),
    template: c.behind.length === 0 ? 'green' : 'wathet',
    elements,
  });
}
