import type { CardJson } from '../../core/ports';
import { card, escapeMd, md, note } from '../../../cards/components';
import type { WeeklyReturnedVm } from '../../core/weekly/weekly-view-models';
import { weeklyEdit } from './weekly-actions';

/** Tells the author why the record came back and lets them reopen it. */
export function weeklyReturnedCard(v: WeeklyReturnedVm): CardJson {
  return card({
    title: '周记已退回，请修改',
    subtitle: v.weekLabel,
    template: 'orange',
    elements: [
      md(`${escapeMd(v.reviewerName)}退回了您${v.weekLabel}的周记。`),
      md(`**退回意见：**${escapeMd(v.comment)}`),
      weeklyEdit.button('修改周记', { week: v.weekKey }, 'primary'),
      note('修改后重新提交即可，原提交时间不变。也可发送“周记 内容”直接重新提交。'),
    ],
  });
}
