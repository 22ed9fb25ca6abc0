import { basisOf } from '../rules/basis';
import type { Rules } from '../rules/rules';
import { formatMonthLabel, shanghaiDate, shanghaiTime } from '../calendar/periods';
import { formatScore } from '../numbers';
import type { SeatAllocation } from './seats';

const BASIS_LABELS = { national: '国家规定', 'local-common': '地方通行做法', design: '本系统默认' } as const;

export function basisLabel(path: string): string {
  const b = basisOf(path);
  return b ? BASIS_LABELS[b] : '本单位规则';
}

const ROUNDING_LABELS = { floor: '向下取整', round: '四舍五入', ceil: '向上取整' } as const;

/**
 * "全机关参评 13 人 × 40%，向下取整，共 5 人；按最大余数法分到各组：正职 1 人、副职 1 人、一般干部 3 人":
 * how the pool's seats were reached from the scope's rated people.
 */
export function quotaRuleText(alloc: SeatAllocation, rules: Pick<Rules, 'quarterly'>): string {
  const q = rules.quarterly.good_quota;
  const where = rules.quarterly.quota_scope === 'division' ? '本处室' : '全机关';
  const pools = Object.entries(alloc.seats).map(([pool, n]) => `${pool} ${n} 人`);
  const minOne = q.min_one_seat ? '，有参评人员的组至少 1 人' : '';
  return `${where}参评 ${alloc.rated} 人 × ${percent(q.max_share)}，${ROUNDING_LABELS[q.rounding]}，共 ${alloc.total} 人；按最大余数法分到各组${minOne}：${pools.join('、')}`;
}

export const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`;

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
