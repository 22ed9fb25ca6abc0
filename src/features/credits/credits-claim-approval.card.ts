import type { TrainingRecord } from '../../core/credits/training-record';
import type { CardJson } from '../../core/ports';
import { card, escapeMd, form, input, md, note, submitButton } from '../../../cards/components';
import { recordLine } from './credits-format';

export const CLAIM_APPROVE_ACTION = 'credits.claim.approve';
export const CLAIM_REJECT_ACTION = 'credits.claim.reject';

export interface ClaimApprovalView {
  claimId: string;
  claimantName: string;
  unitName: string;
  record: Pick<TrainingRecord, 'date' | 'title' | 'kind' | 'hours' | 'required' | 'status'>;
  note: string | null;
  submittedAt: string;
  /** Set once decided. */
  decidedByName?: string | null;
  decisionNote?: string | null;
}

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
        submitButton('批准', 'approve', CLAIM_APPROVE_ACTION, { id: v.claimId }, 'primary_filled'),
        submitButton('驳回', 'reject', CLAIM_REJECT_ACTION, { id: v.claimId }, 'danger'),
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
