import type { CardJson } from '../../core/ports';
import type { ObjectionReviewView } from '../../core/quarterly/views';
import { card, columns, escapeMd, form, hr, input, md, note, select } from '../../../cards/components';
import { objectionReject, objectionUphold } from './quarterly-actions';
import { monthLinesMd, scoreWithUnit } from './quarterly-feedback.card';

/** To the unit admin: one objection with the result and the months, to 维持 or 更正. */
export function objectionReviewCard(v: ObjectionReviewView): CardJson {
  const facts = [
    md(`**${escapeMd(v.name)}**（${escapeMd(v.unitName)} · ${v.level}）对${v.quarterLabel}平时考核结果提出异议。`),
    md(`**审定等次**：${v.tier}　**季度得分**：${scoreWithUnit(v.score)}　**提出时间**：${v.filedAtLabel}`),
    md(`**异议理由**\n${escapeMd(v.reason)}`),
    hr(),
    md(`**各月情况**\n${monthLinesMd(v.months)}`),
  ];
  if (v.decided) {
    return card({
      title: `异议处理 · ${v.quarterLabel}`,
      subtitle: '已处理',
      template: 'grey',
      elements: [
        ...facts,
        hr(),
        md(`**处理结果**：${v.decided.outcome}\n**答复意见**：${escapeMd(v.decided.answer)}\n由 ${escapeMd(v.decided.byName)} 于 ${v.decided.atLabel} 处理。`),
      ],
    });
  }
  const value = { id: v.objectionId };
  return card({
    title: `异议处理 · ${v.quarterLabel}`,
    subtitle: '待处理',
    template: 'orange',
    elements: [
      ...facts,
      hr(),
      form('objection_decision', [
        input({ name: 'answer', label: '答复意见（必填，将告知本人）', placeholder: '说明维持或更正的理由', multiline: true, maxLength: 1000 }),
        select({
          name: 'tier',
          placeholder: '更正后的等次（仅“更正等次”时使用）',
          options: v.tierOptions.map((t) => ({ label: t, value: t })),
          initial: v.tier,
        }),
        columns([
          [objectionReject.submit('维持原结果', 'reject', value, 'default')],
          [objectionUphold.submit('更正等次', 'uphold', value, 'primary_filled')],
        ]),
      ]),
      note('更正将记入审计日志，且仍受“好”等次名额限制。处理结果会私信告知本人。'),
    ],
  });
}
