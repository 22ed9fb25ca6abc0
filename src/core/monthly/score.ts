import { UNDETERMINED, type Tier, type TierOrUndetermined } from '../rules/terms';
import type { Rules } from '../rules/rules';
import { assertNoProblems } from '../problems';
import { clamp, formatScore, round2 } from '../numbers';
import { hasText, isTierOrUndetermined } from '../tiers';

export type Scoring = Rules['scoring'];
export type ScoreBands = Scoring['bands'];

export interface ScoreItem {
  points: number;
  reason: string;
}

export interface GradeInput {
  /** 工作实绩, 0–100. */
  work: number;
  /** 工作作风, 0–100. */
  conduct: number;
  bonuses: readonly ScoreItem[];
  deductions: readonly ScoreItem[];
}

export interface MonthlyScore {
  base: number;
  /** Bonus actually counted, after the cap. */
  bonus: number;
  /** Deduction actually counted, after the cap. */
  deduction: number;
  total: number;
  suggestedTier: Tier;
}

/** Lower band edges are inclusive: exactly 90 is 好, 89.99 is 较好. */
export function tierForScore(total: number, bands: ScoreBands): Tier {
  if (total >= bands.好) return '好';
  if (total >= bands.较好) return '较好';
  if (total >= bands.一般) return '一般';
  return '较差';
}

/**
 * Every problem with a grading card's input, in the order the card shows its fields;
 * empty when the input can be scored.
 */
export function validateGradeInput(input: GradeInput, scoring: Scoring): string[] {
  const problems: string[] = [];
  const checkScore = (label: string, value: number) => {
    if (!Number.isFinite(value) || value < 0 || value > scoring.scale) {
      problems.push(`${label}须为 0 到 ${scoring.scale} 之间的分数（当前为 ${String(value)}）`);
    }
  };
  checkScore('工作实绩', input.work);
  checkScore('工作作风', input.conduct);
  const checkItems = (label: string, items: readonly ScoreItem[]) => {
    items.forEach((item, i) => {
      if (!Number.isFinite(item.points) || item.points <= 0) {
        problems.push(`${label}第 ${i + 1} 条的分值须大于 0`);
      }
      if (!hasText(item.reason)) problems.push(`${label}第 ${i + 1} 条请填写理由`);
    });
  };
  checkItems('加分事项', input.bonuses);
  checkItems('扣分事项', input.deductions);
  return problems;
}

/**
 * Bonus and deduction are capped separately (a town rule caps bonuses at 6 however many items
 * there are). Each part is rounded to two decimals before the total is formed, so the figures
 * on the card add up exactly to the total shown. Throws INVALID_INPUT on bad input.
 */
export function monthlyScore(input: GradeInput, scoring: Scoring): MonthlyScore {
  assertNoProblems(validateGradeInput(input, scoring));
  const base = round2(input.work * scoring.weights.work + input.conduct * scoring.weights.conduct);
  const bonus = round2(Math.min(sumPoints(input.bonuses), scoring.bonus_cap));
  const deduction = round2(Math.min(sumPoints(input.deductions), scoring.deduction_cap));
  const total = round2(clamp(base + bonus - deduction, 0, scoring.scale));
  return { base, bonus, deduction, total, suggestedTier: tierForScore(total, scoring.bands) };
}

function sumPoints(items: readonly ScoreItem[]): number {
  return items.reduce((acc, item) => acc + item.points, 0);
}

export interface TierChoice {
  suggested: Tier;
  chosen: TierOrUndetermined;
  overrideReason?: string | null;
}

/**
 * The supervisor may depart from the score band, but the departure must be explained, so the
 * quarterly reviewer and an objection can see why. 不定等次 always needs its cause (试用期,
 * 长期病事假, 正在接受调查…) because it takes the person out of the quota pool's ranking.
 */
export function checkTierChoice(choice: TierChoice, rules: Pick<Rules, 'monthly'>): string[] {
  const { chosen, suggested } = choice;
  if (!isTierOrUndetermined(chosen)) return [`等次“${String(chosen)}”无效，请从 好、较好、一般、较差 中选择`];
  const reasonGiven = hasText(choice.overrideReason);
  if (chosen === UNDETERMINED) {
    if (!rules.monthly.allow_undetermined) return ['本单位规则不允许评为不定等次，请选择 好、较好、一般 或 较差'];
    if (!reasonGiven) return ['评为不定等次须填写原因（如试用期、长期病事假、正在接受调查等）'];
    return [];
  }
  if (chosen !== suggested && rules.monthly.override_needs_reason && !reasonGiven) {
    return [`所选等次“${chosen}”与按分数建议的“${suggested}”不同，请填写调整理由`];
  }
  return [];
}

/** One line for the card: "基础分 93 + 加分 5 − 扣分 0 = 98 分，建议等次：好". */
export function describeScore(s: MonthlyScore): string {
  return `基础分 ${formatScore(s.base)} + 加分 ${formatScore(s.bonus)} − 扣分 ${formatScore(s.deduction)} = ${formatScore(s.total)} 分，建议等次：${s.suggestedTier}`;
}
