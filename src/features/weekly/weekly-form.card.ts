import type { CardJson } from '../../core/ports';
import { card, escapeMd, form, hr, input, md, note } from '../../../cards/components';
import type { WeeklyFormVm } from '../../core/weekly/weekly-view-models';
import { weeklySubmit } from './weekly-actions';


function intro(v: WeeklyFormVm): string {
  switch (v.purpose) {
    case 'prompt':
      if (v.late) return `${v.weekLabel}的周记截止时间（${v.dueLabel}）已过，请尽快补交，将记为逾期补交。`;
      return `本周即将结束，请填写${v.weekLabel}的周记，截止时间为 **${v.dueLabel}**。`;
    case 'reminder':
      return `${v.weekLabel}的周记尚未提交。可直接在下方补交，将记为逾期补交。`;
    case 'nudge':
      return `主管领导提醒您：${v.weekLabel}的周记尚未提交${v.late ? '，现在补交将记为逾期补交' : `，截止时间为 **${v.dueLabel}**`}。`;
    case 'form':
      if (v.amending) return `您已提交${v.weekLabel}的周记，可在下方修改后重新提交。`;
      return v.late
        ? `${v.weekLabel}的周记截止时间（${v.dueLabel}）已过，现在提交将记为逾期补交。`
        : `请填写${v.weekLabel}的周记，截止时间为 **${v.dueLabel}**。`;
  }
}

/** The weekly record form: 完成工作 / 下周计划 / 加分事项申报, carrying its week in the submit value. */
export function weeklyFormCard(v: WeeklyFormVm): CardJson {
  const elements = [md(intro(v))];
  if (v.returnComment !== null) elements.push(md(`**主管退回意见：**${escapeMd(v.returnComment)}`));
  elements.push(
    form('weekly_form', [
      input({
        name: 'done',
        label: '本周完成工作',
        placeholder: '逐条写明本周完成的主要工作',
        value: v.done,
        multiline: true,
        required: true,
        maxLength: v.maxChars,
      }),
      input({ name: 'plan', label: '下周计划', placeholder: '下周打算完成的工作', value: v.plan, multiline: true, maxLength: v.maxChars }),
      input({
        name: 'bonus',
        label: '加分事项申报（可选）',
        placeholder: '如有加分事项，请写明事项及理由',
        value: v.bonusClaim,
        multiline: true,
        maxLength: v.maxChars,
      }),
      weeklySubmit.submit(v.amending ? '提交修改' : '提交周记', 'submit', { week: v.weekKey, rev: v.revision }),
    ]),
  );
  const notes: string[] = [];
  if (v.prefilledFromPlan) notes.push('“本周完成工作”已按您上周填写的下周计划预填，请据实修改。');
  notes.push(`主管领导确认前可随时修改；全文不超过 ${v.maxChars} 字。也可直接发送“周记 内容”，另起一行以“下周计划：”开头填写计划。`);
  if (v.purpose === 'prompt') notes.push('不需要每周五的填写提醒，可发送“周记 不再提醒”。');
  elements.push(hr(), note(notes.join('\n')));
  return card({
    title: v.purpose === 'reminder' ? '周记补交提醒' : '填写周记',
    subtitle: v.weekLabel,
    template: v.purpose === 'reminder' || v.late ? 'orange' : 'blue',
    elements,
  });
}
