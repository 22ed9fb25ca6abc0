import { basisOf } from '../rules/basis';
import type { Rules } from '../rules/rules';
import { formatMonthLabel, shanghaiDate, shanghaiTime } from '../calendar/periods';
import { formatScore } from '../numbers';

const BASIS_LABELS = { national: '国家规定', 'local-common': '地方通行做法', design: '本系统默认' } as const;

export function basisLabel(path: string): string {
  const b = basisOf(path);
  return b ? BASIS_LABELS[b] : '本单位规则';
}

const ROUNDING_LABELS = { floor: '向下取整', round: '四舍五入', ceil: '向上取整' } as const;

/** "12 人 × 40%，向下取整" */
export function quotaRuleText(poolSize: number, rules: Pick<Rules, 'quarterly'>): string {
  const q = rules.quarterly.good_quota;
  return `${poolSize} 人 × ${Math.round(q.max_share * 1000) / 10}%，${ROUNDING_LABELS[q.rounding]}`;
}

export const scoreText = (x: number | null): string => (x === null ? '—' : formatScore(x));

/** "10月15日" for a YYYY-MM-DD date. */
export function dateLabel(date: string): string {
  const [, m, d] = date.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

/** "10月9日 09:30" in Shanghai time. */
export function instantLabel(iso: string): string {
  const at = new Date(iso);
  return `${dateLabel(shanghaiDate(at))} ${shanghaiTime(at)}`;
}

export const monthLabel = (monthKey: string): string => formatMonthLabel(monthKey);
