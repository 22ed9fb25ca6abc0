import { formatMonthLabel } from '../../core/calendar/periods';
import type { GradingSheet } from '../../core/monthly/grading-sheet';
import { formatScore } from '../../core/numbers';
import type { ScoreItem } from '../../core/monthly/score';
import type { CardJson } from '../../core/ports';
import { card, escapeMd, hr, md, note } from '../../../cards/components';
import { monthlyRegrade } from './monthly-actions';
import { formatInstant, serviceSection } from './monthly-form.card';

/** Read-only result that replaces the form once it is submitted; 重新评定 reopens the form. */
export function monthlyResultCard(sheet: GradingSheet, opts: { canRegrade: boolean } = { canRegrade: true }): CardJson {
  const r = sheet.review;
  const undetermined = r.status === 'undetermined';
  const lines: string[] = [];
  if (r.total !== null) {
    lines.push(`**总分**：${formatScore(r.total)} 分（工作实绩 ${num(r.work)}，工作作风 ${num(r.conduct)}，加分 ${num(r.bonus)}，扣分 ${num(r.deduction)}）`);
  } else {
    lines.push('**总分**：未评分');
  }
  lines.push(`**建议等次**：${r.suggestedTier ?? '—'}`);
  lines.push(`**评定等次**：${r.tier ?? '未评定'}`);
  if (r.overrideReason) {
    const label = undetermined || r.tier !== r.suggestedTier ? '改变建议等次的理由' : '等次说明';
    lines.push(`**${label}**：${escapeMd(r.overrideReason)}`);
  }
  return card({
    title: `${formatMonthLabel(r.monthKey)}月度考核结果 · ${sheet.name}`,
    subtitle: `${sheet.unitName} · ${sheet.level} · ${formatMonthLabel(r.monthKey)}`,
    template: undetermined ? 'grey' : 'green',
    summary: `${sheet.name}${formatMonthLabel(r.monthKey)}已评鉴：${r.tier ?? ''}`,
    elements: [
      md(lines.join('\n')),
      md(`**加分项**：${itemsText(r.bonuses)}\n**扣分项**：${itemsText(r.deductions)}`),
      md(`**评语**：${r.comment ? escapeMd(r.comment) : '无'}`),
      ...serviceSection(sheet),
      hr(),
      note(`评鉴人：${escapeMd(sheet.reviewerName ?? '—')} · 第 ${r.revision} 次评定 · ${formatInstant(r.updatedAt)}`),
      ...(opts.canRegrade ? [monthlyRegrade.button('重新评定', { id: r.id, rev: r.revision })] : []),
    ],
  });
}

function itemsText(items: readonly ScoreItem[]): string {
  if (items.length === 0) return '无';
  return items.map((i) => `\n- ${formatScore(i.points)} 分 ${escapeMd(i.reason)}`).join('');
}

const num = (x: number | null) => (x === null ? '—' : formatScore(x));
