import type { CardJson } from '../../core/ports';
import { card, escapeMd, hr, md, note, progressBar } from '../../../cards/components';
import { weeklyRemind } from './weekly-actions';


export interface WeeklyDigestVm {
  weekKey: string;
  weekLabel: string;
  /** Names per status; people are named, never @-mentioned. */
  onTime: string[];
  late: string[];
  missing: string[];
  onLeave: string[];
  /** Records still waiting for the supervisor's 确认. */
  awaitingReview: number;
}

const names = (list: string[]) => (list.length ? list.map(escapeMd).join('、') : '无');

/** Monday's digest to a supervisor: who wrote on time, late, who is missing, who was on leave. */
export function weeklyDigestCard(v: WeeklyDigestVm): CardJson {
  const expected = v.onTime.length + v.late.length + v.missing.length;
  const written = v.onTime.length + v.late.length;
  const elements = [
    md(`${v.weekLabel}周记情况（不含请假 ${v.onLeave.length} 人）：\n${progressBar(expected ? written / expected : 1)}  已交 ${written} / 应交 ${expected}`),
    md(
      [
        `**按时提交（${v.onTime.length}）：**${names(v.onTime)}`,
        `**逾期补交（${v.late.length}）：**${names(v.late)}`,
        `**未提交（${v.missing.length}）：**${names(v.missing)}`,
        `**请假（${v.onLeave.length}）：**${names(v.onLeave)}`,
      ].join('\n'),
    ),
  ];
  if (v.awaitingReview > 0) elements.push(note(`还有 ${v.awaitingReview} 份周记等待您确认，请在各自的周记卡片上处理。`));
  if (v.missing.length > 0) {
    elements.push(hr(), weeklyRemind.button('提醒未交', { week: v.weekKey }, 'primary'), note('每人每周最多提醒一次，提醒以私聊发送。'));
  }
  return card({ title: '上周周记汇总', subtitle: v.weekLabel, template: v.missing.length ? 'orange' : 'green', elements });
}
