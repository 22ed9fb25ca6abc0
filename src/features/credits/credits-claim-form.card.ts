import { CLAIMABLE_KINDS, CLAIM_NOTE_MAX, CLAIM_TITLE_MAX, type ClaimForm } from '../../core/credits/claim-input';
import { TRAINING_KIND_LABELS } from '../../core/credits/training-kind-labels';
import type { TrainingRecord } from '../../core/credits/training-record';
import type { CardJson } from '../../core/ports';
import { recordLine, STATUS_LABELS } from './credits-format';
import { card, escapeMd, form, input, md, note, select } from '../../../cards/components';
import { claimSubmit } from './credits-actions';

export interface ClaimFormView {
  /** What was typed before (kept after a refused submit, so nothing is lost). */
  values: Partial<ClaimForm>;
  today: string;
  hoursPerDay: number;
  /** Why the last submit was refused. */
  problems?: string[];
}

/** The 学时申报 form for offline training; approval by the unit's 考核管理员 follows. */
export function claimFormCard(v: ClaimFormView): CardJson {
  const elements = [
    md('请填写本人参加的线下培训、讲座、考试或学历教育。提交后由本单位考核管理员审核，通过后计入年度学时。'),
  ];
  if (v.problems && v.problems.length > 0) {
    elements.push(md(`**请修改后重新提交：**\n${v.problems.map((p) => `- ${escapeMd(p)}`).join('\n')}`));
  }
  elements.push(
    form('claim', [
      input({ name: 'title', label: '培训名称', placeholder: '如：依法行政专题培训班', value: v.values.title ?? '', required: true, maxLength: CLAIM_TITLE_MAX }),
      input({ name: 'date', label: '培训日期', placeholder: `如：${v.today}`, value: v.values.date ?? v.today, required: true }),
      input({ name: 'hours', label: '学时', placeholder: `如：8，或按天填 2天（每天折 ${v.hoursPerDay} 学时）`, value: v.values.hours ?? '', required: true }),
      select({
        name: 'kind',
        placeholder: '培训类型',
        options: CLAIMABLE_KINDS.map((k) => ({ label: TRAINING_KIND_LABELS[k], value: k })),
        initial: v.values.kind || 'offline',
      }),
      input({ name: 'note', label: '备注（选填）', placeholder: '主办单位、证书编号等，便于审核', value: v.values.note ?? '', multiline: true, maxLength: CLAIM_NOTE_MAX }),
      claimSubmit.submit('提交申报', 'submit', {}),
    ]),
    note('网络学习由培训平台导入，无需申报。'),
  );
  return card({ title: '学时申报', template: 'blue', elements });
}

export interface ClaimSubmittedView {
  record: Pick<TrainingRecord, 'date' | 'title' | 'kind' | 'hours' | 'required' | 'status'>;
  approverNames: string[];
}

/** Replaces the form once the claim is stored, so a second click cannot submit it again. */
export function claimSubmittedCard(v: ClaimSubmittedView): CardJson {
  const to = v.approverNames.length > 0 ? `已送${v.approverNames.map(escapeMd).join('、')}审核` : '正在审核中';
  return card({
    title: '学时申报已提交',
    template: 'turquoise',
    elements: [
      md(`${recordLine(v.record)}\n状态：${STATUS_LABELS[v.record.status]}，${to}。`),
      note('审核结果会私信通知您；批准后计入年度学时。发送“学分”可查看进度。'),
    ],
  });
}
