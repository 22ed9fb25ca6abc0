import { formatPeriodLabel, monthKeyOf, nextMonth, parsePeriodKey, previousMonth, previousQuarter, shanghaiDate, shanghaiInstant } from '../calendar/periods';
import type { WorkCalendar } from '../calendar/work-calendar';
import type { Rules } from '../rules/rules';
import type { RankingKind } from './ranking-doc';

/** 一月一评价、一季一通报、半年一检查, and the 学时 bulletin of a credits checkpoint. */
export const KIND_LABELS: Record<RankingKind, string> = { month: '月度评价', quarter: '季度通报', half: '半年检查', training: '学时完成情况通报' };

const TRAINING_KEY = /^(\d{4})-(midyear|yearend)$/;

export function kindOfKey(periodKey: string): RankingKind {
  if (TRAINING_KEY.test(periodKey)) return 'training';
  const kind = parsePeriodKey(periodKey).kind;
  if (kind === 'month' || kind === 'quarter' || kind === 'half') return kind;
  throw new Error(`not a ranking period: ${periodKey}`);
}

/** "2026年11月" / "2026年第四季度" / "2026年下半年" / "2026年年中". */
export function periodLabel(periodKey: string): string {
  const training = TRAINING_KEY.exec(periodKey);
  if (training) return `${training[1]}年${training[2] === 'midyear' ? '年中' : '年底'}`;
  return formatPeriodLabel(periodKey);
}

/** "2026年11月 单位评优评差（月度评价）", "2026年年中 学时完成情况通报". */
export function rankingTitle(periodKey: string): string {
  const kind = kindOfKey(periodKey);
  return kind === 'training' ? `${periodLabel(periodKey)} ${KIND_LABELS.training}` : `${periodLabel(periodKey)} 单位评优评差（${KIND_LABELS[kind]}）`;
}

/** The same kind's period just before: 2026-11 → 2026-10, 2026-Q1 → 2025-Q4, 2026-H1 → 2025-H2. */
export function previousOfSameKind(periodKey: string): string {
  const p = parsePeriodKey(periodKey);
  if (p.kind === 'month') return previousMonth(p.key);
  if (p.kind === 'quarter') return previousQuarter(p.key);
  if (p.kind === 'half') {
    const [y, h] = p.key.split('-H');
    return h === '2' ? `${y}-H1` : `${Number(y) - 1}-H2`;
  }
  throw new Error(`no previous ranking period for ${periodKey}`);
}

/** The last day of a rating period, or of a checkpoint's year for a bulletin. */
export function periodEnd(periodKey: string): string {
  const training = TRAINING_KEY.exec(periodKey);
  return training ? `${training[1]}-12-31` : parsePeriodKey(periodKey).end;
}

/** The configured periods that end with `monthKey`: the month itself, its quarter, its half. */
export function periodsEndingIn(monthKey: string, rating: Rules['unit_rating']): string[] {
  const month = parsePeriodKey(monthKey, 'month');
  const m = Number(month.key.slice(5));
  const y = month.key.slice(0, 4);
  const out: string[] = [];
  if (rating.periods.includes('month')) out.push(month.key);
  if (rating.periods.includes('quarter') && m % 3 === 0) out.push(`${y}-Q${m / 3}`);
  if (rating.periods.includes('half') && m % 6 === 0) out.push(`${y}-H${m / 6}`);
  return out;
}

/** Drafts for the periods ending with `monthKey`: `draft_after_workdays` after the next month's first workday. */
export function draftAt(monthKey: string, calendar: WorkCalendar, rules: Rules): Date {
  const first = calendar.firstWorkdayOfMonth(nextMonth(monthKey));
  return shanghaiInstant(calendar.addWorkdays(first, rules.unit_rating.draft_after_workdays), rules.unit_rating.draft_time);
}

/**
 * The job's period: the latest month whose draft time has come and that ends a configured period.
 * Only the latest is caught up after downtime; an older one can be drafted with `run-job --at`.
 */
export function monthOfDraftDue(at: Date, calendar: WorkCalendar, rules: Rules): string | null {
  let month = previousMonth(monthKeyOf(shanghaiDate(at)));
  for (let i = 0; i < 13; i++, month = previousMonth(month)) {
    if (periodsEndingIn(month, rules.unit_rating).length === 0) continue;
    if (draftAt(month, calendar, rules) <= at) return month;
  }
  return null;
}
