import type { CardJson } from '../../core/ports';
import type { SummaryReadVm } from '../../core/summary/views';
import { card, escapeMd, md, note } from '../../../cards/components';

/** `小结 姓名`: a person's submitted summary, read-only, for their supervisor or unit admin. */
export function summaryReadCard(v: SummaryReadVm): CardJson {
  const body = v.content
    ? md(`**${escapeMd(v.name)}**（${escapeMd(v.unitName)}）于 ${v.submittedAtLabel} 提交：\n${escapeMd(v.content)}`)
    : md(`**${escapeMd(v.name)}**（${escapeMd(v.unitName)}）尚未提交${v.periodLabel}的个人小结。`);
  return card({
    title: `个人小结 · ${v.name}`,
    subtitle: v.periodLabel,
    template: v.content ? 'blue' : 'grey',
    elements: [body, note('个人小结仅本人、其主管领导和本单位考核管理员可见，请勿转发。')],
  });
}
