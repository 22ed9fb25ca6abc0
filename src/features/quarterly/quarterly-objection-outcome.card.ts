import type { CardJson } from '../../core/ports';
import type { ObjectionOutcomeView } from '../../core/quarterly/views';
import { card, escapeMd, md, note } from '../../../cards/components';

/** To the objector only: what was decided and why. */
export function objectionOutcomeCard(v: ObjectionOutcomeView): CardJson {
  const result = v.upheld
    ? `经复核，您的异议成立，${v.quarterLabel}平时考核等次由“${v.oldTier}”更正为 **“${v.newTier}”**。`
    : `经复核，维持您${v.quarterLabel}平时考核等次 **“${v.oldTier}”**。`;
  return card({
    title: `异议处理结果 · ${v.quarterLabel}`,
    template: v.upheld ? 'green' : 'blue',
    elements: [
      md(`**${escapeMd(v.name)}**，${result}`),
      md(`**答复意见**：${escapeMd(v.answer)}`),
      note('如仍有意见，请直接联系本单位考核管理员。发送“/等次”可查看最新结果。'),
    ],
  });
}
