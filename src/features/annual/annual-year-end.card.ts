import type { CardJson } from '../../core/ports';
import type { YearEndView } from '../../core/annual/views';
import { card, escapeMd, hr, md, note } from '../../../cards/components';

const names = (list: ReadonlyArray<{ name: string; unitName: string }>) => list.map((p) => `${escapeMd(p.name)}（${escapeMd(p.unitName)}）`).join('、');

/** To an organ's 考核管理员 after the year: the 优秀 ceiling, who is eligible, and whose annual tier is 缓定. */
export function annualYearEndCard(v: YearEndView): CardJson {
  const elements = [
    md(
      `**参加年度考核**：${v.participants} 人　**“优秀”等次上限**：${v.ceiling.count} 人（${escapeMd(v.ceiling.text)}）` +
        (v.ceiling.adjustment ? `\nℹ️ ${escapeMd(v.ceiling.adjustment)}` : '') +
        (v.ceiling.reduction ? `\n⚠️ ${escapeMd(v.ceiling.reduction)}` : ''),
    ),
    md(`**具备评优资格（${v.eligible.length} 人）**：${v.eligible.length > 0 ? names(v.eligible) : '无'}`),
    md(`**不具备评优资格**：${v.notEligible} 人（理由逐人见年度评优资格台账）`),
  ];
  if (v.deferred.length > 0) {
    const until = v.makeUpUntil ? `${v.makeUpUntil} 前补学完成的可解除缓定。` : '';
    const list = v.deferred.map((p) => `${escapeMd(p.name)}（${escapeMd(p.unitName)}，${escapeMd(p.shortfall)}）`).join('、');
    elements.push(hr(), md(`**年度等次缓定（${v.deferred.length} 人，年度培训任务未完成）**：${list}\n待培训任务完成后再确定其年度等次，当年不得评先评优。${until}`));
  }
  if (v.undetermined > 0) elements.push(md(`ℹ️ 尚有 ${v.undetermined} 人的季度结果未全部审定，名单可能变化。`));
  elements.push(note('导出明细：npx pingshi export annual-eligibility --period ' + v.year + '。个人资格仅本人、主管领导和考核管理员可见，请勿在群内公布；拟定“优秀”人选须按规定公示。'));
  return card({ title: `年度考核衔接 · ${v.organName} · ${v.year}年`, template: 'blue', elements });
}
