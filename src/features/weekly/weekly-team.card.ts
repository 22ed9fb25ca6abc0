import type { CardJson } from '../../core/ports';
import { card, hr, md, note, progressBar, table } from '../../../cards/components';
import { weeklyRemind } from './weekly-actions';

export interface WeeklyTeamVm {
  weekKey: string;
  weekLabel: string;
  /** 直接下属 or the unit's name. */
  scopeLabel: string;
  dueLabel: string | null;
  rows: Array<{ name: string; status: string; submitted: string }>;
  written: number;
  expected: number;
  /** People who still owe a record (missing, or not yet due). */
  owing: number;
}

/** /团队: the week's status of the caller's team, with a 提醒未交 button. */
export function weeklyTeamCard(v: WeeklyTeamVm): CardJson {
  const elements = [
    md(
      v.dueLabel
        ? `**${v.scopeLabel}** · 截止 ${v.dueLabel}\n${progressBar(v.expected ? v.written / v.expected : 1)}  已交 ${v.written} / 应交 ${v.expected}`
        : `**${v.scopeLabel}** · 本周没有工作日，无需填写周记。`,
    ),
  ];
  if (v.rows.length === 0) elements.push(md('暂无需要填写周记的人员。'));
  else
    elements.push(
      table(
        [
          { name: 'name', label: '姓名' },
          { name: 'status', label: '状态' },
          { name: 'submitted', label: '提交时间' },
        ],
        v.rows,
      ),
    );
  if (v.owing > 0) elements.push(hr(), weeklyRemind.button(`提醒未交（${v.owing} 人）`, { week: v.weekKey }, 'primary'), note('每人每周最多提醒一次，提醒以私聊发送。'));
  elements.push(note('发送“团队 上周”查看上周情况。'));
  return card({ title: '团队周记情况', subtitle: v.weekLabel, template: 'blue', elements });
}
