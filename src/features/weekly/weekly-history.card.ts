import type { CardJson } from '../../core/ports';
import { card, note, table } from '../../../cards/components';

export interface WeeklyHistoryVm {
  rows: Array<{ week: string; status: string; submitted: string; comment: string }>;
  lateWeeks: number;
}

/** /我的周记: the person's recent weeks with their status. */
export function weeklyHistoryCard(v: WeeklyHistoryVm): CardJson {
  return card({
    title: '我的周记',
    subtitle: `最近 ${v.rows.length} 周`,
    template: 'blue',
    elements: [
      table(
        [
          { name: 'week', label: '周次' },
          { name: 'status', label: '状态' },
          { name: 'submitted', label: '提交时间' },
          { name: 'comment', label: '主管意见' },
        ],
        v.rows,
      ),
      note(`本周与前 ${v.lateWeeks} 周的周记可以补交或修改（确认前）：发送“周记”打开填写卡片。`),
    ],
  });
}
