import { UNDETERMINED, type TierOrUndetermined } from '../rules/terms';
import type { Rules } from '../rules/rules';
import { invalidInput } from '../errors';
import { round2 } from '../numbers';
import { isTierOrUndetermined } from '../tiers';
import { compareText } from '../text-order';

type QuotaRules = Pick<Rules, 'quarterly'>;
type TieBreakKey = Rules['quarterly']['good_quota']['tie_break'][number];

export interface QuotaCandidate {
  personId: string;
  proposedTier: TierOrUndetermined;
  score: number | null;
  work: number | null;
  conduct: number | null;
  goodMonths: number;
}

export interface QuotaFit {
  /** The pool's seats (see seats.ts). */
  quota: number;
  /** How many were proposed 好. */
  proposedGood: number;
  /** 好 proposals that must drop to 较好, lowest first. */
  mustMove: string[];
  /**
   * Still tied at the quota line after every tie-break key. They all stay 好 in `result`; a human
   * decides which `tieSeats` of them keep it.
   */
  undecidedTie: string[];
  /** How many of `undecidedTie` may keep 好. */
  tieSeats: number;
  /** Every candidate's tier after the automatic fitting. */
  result: Record<string, TierOrUndetermined>;
}

/**
 * Fits a pool's proposals to its `seats`. 好 proposals are ranked by score, then by the
 * `tie_break` keys in order (higher keeps 好; a missing value ranks lowest). Those below the line
 * drop to 较好. People still equal on every key at the line are left for a human: ranking them by
 * name, id or input order would be arbitrary and could not be defended to the person concerned.
 * Ids only order the returned lists so the output does not depend on input order.
 */
export function fitPoolToQuota(candidates: readonly QuotaCandidate[], seats: number, rules: QuotaRules): QuotaFit {
  assertDistinctIds(candidates.map((c) => c.personId));
  if (!Number.isInteger(seats) || seats < 0) throw invalidInput(`名额须为非负整数（当前为 ${String(seats)}）`);
  const quota = seats;
  const keysOf = rankingKeys(rules.quarterly.good_quota.tie_break);
  const good = candidates
    .filter((c) => c.proposedTier === '好')
    .map((c) => ({ id: c.personId, key: keysOf(c) }))
    .sort((a, b) => compareKeys(b.key, a.key) || compareText(a.id, b.id));
  // A loop, not Object.fromEntries: over a city's pools, cold, 35–45 ms against 11 ms.
  const result: Record<string, TierOrUndetermined> = {};
  for (const c of candidates) result[c.personId] = c.proposedTier;
  const fit: QuotaFit = { quota, proposedGood: good.length, mustMove: [], undecidedTie: [], tieSeats: 0, result };
  const firstOut = good[quota];
  if (!firstOut) return fit;

  const lastIn = good[quota - 1];
  const tieAtLine = lastIn !== undefined && compareKeys(lastIn.key, firstOut.key) === 0;
  const below = good.filter((g, i) => (tieAtLine ? compareKeys(g.key, firstOut.key) < 0 : i >= quota));
  if (tieAtLine) {
    const tied = good.filter((g) => compareKeys(g.key, firstOut.key) === 0);
    fit.undecidedTie = tied.map((g) => g.id);
    fit.tieSeats = quota - good.filter((g) => compareKeys(g.key, firstOut.key) > 0).length;
  }
  fit.mustMove = [...below].sort((a, b) => compareKeys(a.key, b.key) || compareText(a.id, b.id)).map((g) => g.id);
  for (const id of fit.mustMove) result[id] = '较好';
  return fit;
}

function rankingKeys(tieBreak: readonly TieBreakKey[]) {
  const value = (c: QuotaCandidate, k: TieBreakKey): number | null =>
    k === 'work_score' ? c.work : k === 'conduct_score' ? c.conduct : c.goodMonths;
  // Rounded so that 89.999999 and 90 from different arithmetic paths count as the same score.
  const asKey = (x: number | null) => (x === null || !Number.isFinite(x) ? -Infinity : round2(x));
  return (c: QuotaCandidate): number[] => [asKey(c.score), ...tieBreak.map((k) => asKey(value(c, k)))];
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? -Infinity;
    const y = b[i] ?? -Infinity;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function assertDistinctIds(ids: readonly string[]): void {
  if (new Set(ids).size !== ids.length) throw invalidInput('同一人在本池中出现了两次，请核对名单');
}

export interface PoolMember {
  personId: string;
  /** Shown in messages; the id is used when absent. */
  name?: string;
}

export interface DeterminationCheck {
  quota: number;
  goodCount: number;
  /** Problems that stop the admin from confirming. */
  errors: string[];
  /** Problems shown but not blocking (the quota, when `hard_block` is off). */
  warnings: string[];
}

/** Checks the admin's chosen tiers for one pool, against its `seats`, before it is confirmed and locked. */
export function checkDetermination(
  pool: readonly PoolMember[],
  chosen: Readonly<Record<string, TierOrUndetermined>>,
  seats: number,
  rules: Pick<Rules, 'quarterly' | 'monthly'>,
): DeterminationCheck {
  assertDistinctIds(pool.map((p) => p.personId));
  const errors: string[] = [];
  const warnings: string[] = [];
  const label = (p: PoolMember) => p.name ?? p.personId;
  const inPool = new Set(pool.map((p) => p.personId));

  const missing = pool.filter((p) => !Object.hasOwn(chosen, p.personId));
  if (missing.length > 0) errors.push(`尚有 ${missing.length} 人未确定等次：${missing.map(label).join('、')}`);
  const strangers = Object.keys(chosen).filter((id) => !inPool.has(id)).sort(compareText);
  if (strangers.length > 0) errors.push(`有 ${strangers.length} 人不属于本池，不能在此确定等次：${strangers.join('、')}`);

  const given = pool.filter((p) => Object.hasOwn(chosen, p.personId));
  const invalid = given.filter((p) => !isTierOrUndetermined(chosen[p.personId]));
  if (invalid.length > 0) errors.push(`以下人员的等次无效，请从 好、较好、一般、较差 中选择：${invalid.map(label).join('、')}`);
  if (!rules.monthly.allow_undetermined) {
    const undetermined = given.filter((p) => chosen[p.personId] === UNDETERMINED);
    if (undetermined.length > 0) {
      errors.push(`本单位规则不允许评为不定等次：${undetermined.map(label).join('、')}`);
    }
  }

  const quota = seats;
  const goodCount = given.filter((p) => chosen[p.personId] === '好').length;
  if (goodCount > quota) {
    const rated = given.filter((p) => chosen[p.personId] !== UNDETERMINED).length;
    const message = quotaMessage(rated, quota, { goodCount });
    (rules.quarterly.good_quota.hard_block ? errors : warnings).push(message);
  }
  return { quota, goodCount, errors, warnings };
}

/** `好等次已达上限（本池参评 12 人，上限 4 人），请先将其他人调整为较好`; with the count when one is given. */
export function quotaMessage(
  rated: number,
  quota: number,
  opts: { goodCount?: number; hint?: string } = {},
): string {
  const count = opts.goodCount === undefined ? '' : `，现选 ${opts.goodCount} 人`;
  return `好等次已达上限（本池参评 ${rated} 人，上限 ${quota} 人${count}），${opts.hint ?? '请先将其他人调整为较好'}`;
}
