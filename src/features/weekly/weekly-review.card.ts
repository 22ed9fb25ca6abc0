import type { CardJson } from '../../core/ports';
import { card, columns, escapeMd, form, hr, input, md, note } from '../../../cards/components';
import type { WeeklyReviewVm } from '../../core/weekly/weekly-view-models';
import { weeklyConfirm, weeklyReturn } from './weekly-actions';


const STATE_TITLES = { submitted: '待确认', confirmed: '已确认', returned: '已退回' } as const;

/**
 * The supervisor's card for one record: 确认 / 退回 with a comment while it waits, read-only after.
 * The buttons carry the record id and revision; the server re-checks both and the clicker's right.
 */
export function weeklyReviewCard(v: WeeklyReviewVm): CardJson {
  const facts = [`**提交人：**${escapeMd(v.authorName)}（${escapeMd(v.unitName)}）`, `**提交时间：**${v.submittedLabel}（${v.timingLabel}）`];
  if (v.amendedLabel) facts.push(`**最近修改：**${v.amendedLabel}（第 ${v.revision} 版）`);
  const body = [`**本周完成工作：**\n${escapeMd(v.done)}`];
  if (v.plan.trim()) body.push(`**下周计划：**\n${escapeMd(v.plan)}`);
  if (v.bonusClaim) body.push(`**加分事项申报：**\n${escapeMd(v.bonusClaim)}`);
  const elements = [md(facts.join('\n')), hr(), md(body.join('\n\n')), hr()];

  if (v.state === 'submitted') {
    elements.push(
      form('review_form', [
        input({ name: 'comment', label: '意见', placeholder: '确认时可不填；退回时请写明需要修改的地方', multiline: true, maxLength: 500 }),
        columns([
          [weeklyConfirm.submit('确认', 'confirm', { id: v.logId, rev: v.revision }, 'primary_filled')],
          [weeklyReturn.submit('退回', 'return', { id: v.logId, rev: v.revision }, 'danger')],
        ]),
      ]),
      note('确认后周记不能再修改；退回后本人会收到您的意见并可重新提交。'),
    );
  } else {
    const verb = v.state === 'confirmed' ? '已确认' : '已退回';
    const who = v.reviewerName ? `${escapeMd(v.reviewerName)}于${v.reviewedLabel ?? ''}${verb}` : verb;
    elements.push(md(`**${who}**${v.reviewComment ? `\n意见：${escapeMd(v.reviewComment)}` : ''}`));
    if (v.state === 'returned') elements.push(note('本人修改后重新提交时，此卡片会更新。'));
  }
  const template = v.state === 'confirmed' ? 'green' : v.state === 'returned' ? 'grey' : v.late ? 'orange' : 'blue';
  return card({
    title: `周记${STATE_TITLES[v.state]} · ${v.authorName}`,
    subtitle: v.weekLabel,
    template,
    elements,
  });
}
