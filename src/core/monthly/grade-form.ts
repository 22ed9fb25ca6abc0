import { UNDETERMINED, type Tier, type TierOrUndetermined } from '../rules/terms';
import type { Rules } from '../rules/rules';
import { assertNoProblems } from '../problems';
import { checkTierChoice, monthlyScore, validateGradeInput, type MonthlyScore, type ScoreItem } from './score';
import { hasText, isTierOrUndetermined } from '../tiers';

/** The select's value for "follow the score band"; a blank select means the same. */
export const FOLLOW_SUGGESTION = 'auto';

export const GRADE_FORM_LIMITS = { reason: 300, comment: 1000, itemReason: 100, items: 20 } as const;

/** The grading card's fields as typed, every one a string (Lark sends form values as strings). */
export interface GradeFormText {
  work: string;
  conduct: string;
  bonuses: string;
  deductions: string;
  tier: string;
  overrideReason: string;
  comment: string;
}

/** A grade checked against the rules, ready to store. */
export interface ComputedGrade {
  work: number | null;
  conduct: number | null;
  bonuses: ScoreItem[];
  deductions: ScoreItem[];
  /** Null only for 不定等次 without scores. */
  score: MonthlyScore | null;
  suggestedTier: Tier | null;
  tier: TierOrUndetermined;
  overrideReason: string | null;
  comment: string | null;
}

/**
 * Turns the card's text into a grade, or throws INVALID_INPUT listing every problem at once so
 * the supervisor can fix them in one go (the card keeps what they typed).
 *
 * 不定等次 (试用期, 长期病事假…) may be given without scores; every other tier needs both scores.
 * The reason for 不定等次 may be written in either 改变建议等次的理由 or 评语.
 */
export function gradeFromForm(f: GradeFormText, rules: Pick<Rules, 'scoring' | 'monthly'>): ComputedGrade {
  const problems: string[] = [];
  const scale = rules.scoring.scale;
  const chosenText = f.tier.trim();
  const follow = chosenText === '' || chosenText === FOLLOW_SUGGESTION;
  if (!follow && !isTierOrUndetermined(chosenText)) problems.push(`等次“${chosenText}”无效，请从 好、较好、一般、较差、不定等次 中选择`);
  const undetermined = chosenText === UNDETERMINED;

  const work = parseScore(f.work, '工作实绩', scale, problems);
  const conduct = parseScore(f.conduct, '工作作风', scale, problems);
  const bonuses = parseItems(f.bonuses, '加分项', 'bonus', problems);
  const deductions = parseItems(f.deductions, '扣分项', 'deduction', problems);
  const overrideReason = clean(f.overrideReason);
  const comment = clean(f.comment);
  if (overrideReason && overrideReason.length > GRADE_FORM_LIMITS.reason) problems.push(`改变建议等次的理由请控制在 ${GRADE_FORM_LIMITS.reason} 字以内`);
  if (comment && comment.length > GRADE_FORM_LIMITS.comment) problems.push(`评语请控制在 ${GRADE_FORM_LIMITS.comment} 字以内`);

  const workBlank = !hasText(f.work);
  const conductBlank = !hasText(f.conduct);
  const unscored = undetermined && workBlank && conductBlank;
  if (!unscored) {
    const hint = undetermined ? '（评为不定等次时可两项都不填）' : '';
    if (workBlank) problems.push(`请填写工作实绩（0–${scale} 分）${hint}`);
    if (conductBlank) problems.push(`请填写工作作风（0–${scale} 分）${hint}`);
  }
  if (!unscored && work !== null && conduct !== null) {
    problems.push(...validateGradeInput({ work, conduct, bonuses, deductions }, rules.scoring));
  }
  assertNoProblems(problems);

  const score = unscored ? null : monthlyScore({ work: work!, conduct: conduct!, bonuses, deductions }, rules.scoring);
  const suggested = score?.suggestedTier ?? null;
  const tier: TierOrUndetermined = follow ? suggested! : (chosenText as TierOrUndetermined);
  const reasonForCheck = undetermined ? (overrideReason ?? comment) : overrideReason;
  assertNoProblems(checkTierChoice({ suggested: suggested ?? '一般', chosen: tier, overrideReason: reasonForCheck }, rules));
  return { work: unscored ? null : work, conduct: unscored ? null : conduct, bonuses, deductions, score, suggestedTier: suggested, tier, overrideReason, comment };
}

/** The stored grade written back as the card's text, so 重新评定 starts from what was saved. */
export function gradeToFormText(g: {
  work: number | null;
  conduct: number | null;
  bonuses: readonly ScoreItem[];
  deductions: readonly ScoreItem[];
  tier: TierOrUndetermined | null;
  suggestedTier: Tier | null;
  overrideReason: string | null;
  comment: string | null;
}): GradeFormText {
  const followed = g.tier !== null && g.tier === g.suggestedTier && !g.overrideReason;
  return {
    work: g.work === null ? '' : String(g.work),
    conduct: g.conduct === null ? '' : String(g.conduct),
    bonuses: itemsToText(g.bonuses),
    deductions: itemsToText(g.deductions),
    tier: g.tier === null || followed ? FOLLOW_SUGGESTION : g.tier,
    overrideReason: g.overrideReason ?? '',
    comment: g.comment ?? '',
  };
}

export function itemsToText(items: readonly ScoreItem[]): string {
  return items.map((i) => `${i.points} ${i.reason}`).join('\n');
}

// ---- parsing -------------------------------------------------------------------------------

/** Full-width digits and signs are what a Chinese IME often produces. */
function normaliseDigits(s: string): string {
  return s
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[＋]/g, '+')
    .replace(/[－−—]/g, '-');
}

function clean(s: string): string | null {
  const t = s.trim();
  return t.length > 0 ? t : null;
}

function parseScore(text: string, label: string, scale: number, problems: string[]): number | null {
  if (!hasText(text)) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*分?\s*$/.exec(normaliseDigits(text));
  if (!m) {
    problems.push(`${label}请填写 0–${scale} 之间的数字（当前为“${text.trim()}”）`);
    return null;
  }
  const value = Number(m[1]);
  if (value > scale) {
    problems.push(`${label}须为 0 到 ${scale} 之间的分数（当前为 ${m[1]}）`);
    return null;
  }
  return value;
}

const LEADING_POINTS = /^([+-]?\d+(?:\.\d+)?)\s*分?[\s,，、:：;；]*(.*)$/;
const TRAILING_POINTS = /^(.*?)[\s,，、:：;；]+([+-]?\d+(?:\.\d+)?)\s*分?$/;

/**
 * One item per line, written `分值 理由` (`2 获市级表彰`); `理由 分值` is accepted too. In 扣分项 a
 * leading minus is read as the sign people naturally write (`-2 迟报`), not as a negative deduction.
 */
function parseItems(text: string, label: string, kind: 'bonus' | 'deduction', problems: string[]): ScoreItem[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length > GRADE_FORM_LIMITS.items) problems.push(`${label}最多填写 ${GRADE_FORM_LIMITS.items} 条`);
  const items: ScoreItem[] = [];
  lines.forEach((line, i) => {
    const n = normaliseDigits(line);
    const lead = LEADING_POINTS.exec(n);
    const trail = lead ? null : TRAILING_POINTS.exec(n);
    const pointsText = lead ? lead[1]! : trail?.[2];
    if (pointsText === undefined) {
      problems.push(`${label}第 ${i + 1} 行格式应为“分值 理由”，例如“2 获市级表彰”`);
      return;
    }
    // The reason is kept as typed (full-width digits included), only the number is normalised.
    const reason = lead ? line.slice(line.length - lead[2]!.length).trim() : line.slice(0, trail![1]!.length).trim();
    let points = Number(pointsText);
    if (kind === 'deduction' && points < 0) points = -points;
    if (!reason) {
      problems.push(`${label}第 ${i + 1} 行请在分值后写明理由`);
      return;
    }
    if (reason.length > GRADE_FORM_LIMITS.itemReason) problems.push(`${label}第 ${i + 1} 行的理由请控制在 ${GRADE_FORM_LIMITS.itemReason} 字以内`);
    items.push({ points, reason });
  });
  return items;
}
