import type { CardJson } from '../../core/ports';
import type { CorrectionNoticeView } from '../../core/quarterly/views';
import { card, escapeMd, md, note } from '../../../cards/components';

/** To someone whose tier an upheld objection moved (a swap within the pool's seats): private, with a new objection window. */
export function correctionNoticeCard(v: CorrectionNoticeView): CardJson {
  return card({
    title: `平时考核结果更正 · ${v.quarterLabel}`,
    template: 'orange',
    elements: [
      md(`**${escapeMd(v.name)}**，经复核，您${v.quarterLabel}平时考核等次由“${v.oldTier}”更正为 **“${v.newTier}”**。`),
      md(`**更正理由**：${escapeMd(v.reason)}\n本组“好”等次名额有限，同组其他同志的异议成立后，须在同一次更正中相应调整。`),
      md(`如对更正有异议，请于 **${v.deadlineLabel}（含）** 前向我发送“/异议 理由”，由考核管理员处理并答复。`),
      note('本结果仅您本人、您的主管领导和考核管理员可见。'),
    ],
  });
}
