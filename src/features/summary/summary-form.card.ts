import type { CardJson } from '../../core/ports';
import type { SummaryFormVm } from '../../core/summary/views';
import { card, columns, escapeMd, form, hr, input, md, note, type Element } from '../../../cards/components';
import { summarySave, summarySubmit } from './summary-actions';

function intro(v: SummaryFormVm): string {
  const due = v.dueLabel ? `，请于 **${v.dueLabel}** 前提交` : '，请在下一考核期开始后的前几个工作日内提交';
  if (v.locked) return `您已于 ${v.submittedAtLabel} 提交${v.periodLabel}的个人小结，提交截止时间已过，不能再修改。`;
  if (v.submittedAtLabel) return `您已于 ${v.submittedAtLabel} 提交${v.periodLabel}的个人小结${v.dueLabel ? `，${v.dueLabel} 前可修改后重新提交` : ''}。`;
  if (v.late) return `${v.periodLabel}的个人小结提交时间（${v.dueLabel}）已过，请尽快补交。`;
  switch (v.purpose) {
    case 'prompt':
      return `${v.periodLabel}即将结束，请对本期工作作简要小结${due}。主管领导评鉴时将看到您的小结。`;
    case 'reminder':
      return `您${v.periodLabel}的个人小结尚未提交${due}。`;
    case 'form':
      return `请填写${v.periodLabel}的个人小结${due}。`;
  }
}

function sourceNote(v: SummaryFormVm): string {
  switch (v.source) {
    case 'draft':
      return `下方为您 ${v.draftSavedAtLabel ?? ''} 保存的草稿，尚未提交。`;
    case 'prefill':
      return `已按本期周记预填（${v.records.weeks} 周中已填 ${v.records.written} 周${v.records.bonusClaims ? `，申报加分 ${v.records.bonusClaims} 项` : ''}），请据实修改、补充不足与改进。`;
    default:
      return '';
  }
}

/** 个人小结: the period's summary in one multi-line input, with 保存草稿 and 提交. */
export function summaryFormCard(v: SummaryFormVm): CardJson {
  const elements: Element[] = [];
  if (v.notice) elements.push(md(`${v.notice.kind === 'ok' ? '✅' : '⚠️'} ${escapeMd(v.notice.text)}`));
  elements.push(md(intro(v)));
  if (v.locked) {
    elements.push(md(`**个人小结**\n${escapeMd(v.text)}`));
  } else {
    const value = { period: v.periodKey };
    elements.push(
      form('summary_form', [
        input({
          name: 'summary',
          label: `个人小结（不超过 ${v.maxChars} 字）`,
          placeholder: '简要写明本期完成的主要工作、加分事项、存在的不足和改进方向',
          value: v.text,
          multiline: true,
          // A refused over-long text is shown whole, so the input's own limit must not be below it.
          maxLength: Math.max(v.maxChars, [...v.text].length),
        }),
        columns([
          [summarySave.submit('保存草稿', 'save', value, 'default')],
          [summarySubmit.submit(v.submittedAtLabel ? '提交修改' : '提交', 'submit', value, 'primary_filled')],
        ]),
      ]),
    );
  }
  const notes = [sourceNote(v), '个人小结仅本人、主管领导和本单位考核管理员可见。草稿在提交前一直保留，随时发送“小结”可继续填写。'].filter(Boolean);
  elements.push(hr(), note(notes.join('\n')));
  return card({
    title: v.purpose === 'reminder' ? '个人小结提交提醒' : '个人小结',
    subtitle: v.periodLabel,
    template: v.locked || v.submittedAtLabel ? 'green' : v.purpose === 'reminder' || v.late ? 'orange' : 'blue',
    summary: `${v.periodLabel}个人小结`,
    elements,
  });
}
