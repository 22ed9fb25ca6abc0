import type { CardJson } from '../../core/ports';
import type { ObjectionReviewView } from '../../core/quarterly/views';
import { card, columns, escapeMd, form, hr, input, md, multiSelect, note, select } from '../../../cards/components';
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
        ...swapChoice(v),
        columns([
          [objectionReject.submit('维持原结果', 'reject', value, 'default')],
          [objectionUphold.submit('更正等次', 'uphold', value, 'primary_filled')],
        ]),
      ]),
      note('更正将记入审计日志，且仍受“好”等次名额限制。处理结果会私信告知本人；被同时调整的同志也会收到更正通知。'),
    ],
  });
}

/**
 * When the pool's 好 seats are all used, upholding a 好 needs others of the pool moved to 较好 in
 * the same correction: the pool's lowest-scoring 好 are offered, lowest first.
 */
function swapChoice(v: ObjectionReviewView) {
  if (v.swapCandidates.length === 0) return [];
  const full = v.goodCount >= v.seats;
  return [
    md(
      `**名额**：本组“好”等次名额 ${v.seats} 人，现有 ${v.goodCount} 人。${full ? '名额已满：如更正为“好”，须在下面同时选择将本组哪位“好”等次人员调整为“较好”（按得分由低到高列出）。' : '如更正为“好”，名额尚有空余，无须调整他人。'}`,
    ),
    multiSelect({ name: 'swap', placeholder: '同时调整为“较好”的人员（名额已满时必选）', options: v.swapCandidates.map((c) => ({ label: c.label, value: c.openId })) }),
  ];
}
