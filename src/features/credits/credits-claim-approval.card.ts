import type { ClaimApprovalView } from '../../core/credits/credits-views';
import type { CardJson } from '../../core/ports';
import { card, escapeMd, form, input, md, note } from '../../../cards/components';
import { claimApprove, claimReject } from './credits-actions';
import { recordLine } from './credits-format';

/** The approval card a 考核管理员 gets for a claim; once decided, it shows the outcome instead of buttons. */
export function claimApprovalCard(v: ClaimApprovalView): CardJson {
  const elements = [
    md(`**${escapeMd(v.claimantName)}**（${escapeMd(v.unitName)}）申报：\n${recordLine(v.record)}`),
  ];
  if (v.note) elements.push(md(`备注：${escapeMd(v.note)}`));
  elements.push(note(`提交时间：${v.submittedAt}`));
  if (v.record.status === 'pending') {
    elements.push(
      form('decide', [
        input({ name: 'reason', label: '驳回理由（驳回时必填）', placeholder: '如：培训证明材料不全', maxLength: 500 }),
        claimApprove.submit('批准', 'approve', { id: v.claimId }, 'primary_filled'),
        claimReject.submit('驳回', 'reject', { id: v.claimId }, 'danger'),
      ]),
    );
  } else {
    const by = v.decidedByName ? `（${escapeMd(v.decidedByName)}）` : '';
    const outcome = v.record.status === 'approved' ? `✅ 已批准${by}，已计入年度学时。` : `❌ 已驳回${by}。`;
    const why = v.record.status === 'rejected' && v.decisionNote ? `\n理由：${escapeMd(v.decisionNote)}` : '';
    elements.push(md(`${outcome}${why}`));
  }
  return card({
    title: '学时申报待审核',
    subtitle: v.record.status === 'pending' ? '请核实后批准或驳回' : '已处理',
    template: v.record.status === 'pending' ? 'orange' : v.record.status === 'approved' ? 'green' : 'grey',
    elements,
  });
}
