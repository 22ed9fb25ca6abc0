import type { CardJson } from '../../core/ports';
import { card, escapeMd, hr, md, note } from '../../../cards/components';
import type { WeeklyReceiptVm } from '../../core/weekly/weekly-view-models';
import { weeklyEdit } from './weekly-actions';


const excerpt = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The short receipt after a submission or amendment. */
export function weeklyReceiptCard(v: WeeklyReceiptVm): CardJson {
  const head = v.unchanged
    ? `内容与已提交的周记相同，未作改动。`
    : v.revision > 1
      ? `已保存对${v.weekLabel}周记的修改（第 ${v.revision} 版），${v.savedLabel}。`
      : `已收到您${v.weekLabel}的周记，${v.savedLabel}。`;
  const lines = [`**状态：**${v.statusLabel}`, `**本周完成工作：**\n${escapeMd(excerpt(v.done))}`];
  if (v.plan.trim()) lines.push(`**下周计划：**\n${escapeMd(excerpt(v.plan))}`);
  if (v.bonusClaim) lines.push(`**加分事项申报：**\n${escapeMd(excerpt(v.bonusClaim))}`);
  return card({
    title: v.unchanged ? '周记未改动' : '周记已提交',
    subtitle: v.weekLabel,
    template: v.late ? 'orange' : 'green',
    elements: [
      md(head),
      md(lines.join('\n')),
      hr(),
      note(v.supervisorName ? `已送${escapeMd(v.supervisorName)}确认；确认前可随时修改。` : '您没有登记直接主管，周记已保存；如有疑问请联系考核管理员。'),
      weeklyEdit.button('修改周记', { week: v.weekKey }),
    ],
  });
}
