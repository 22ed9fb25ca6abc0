import { UNDETERMINED, type TierOrUndetermined } from '../rules/terms';
import type { Rules } from '../rules/rules';
import { DomainError, invalidInput, locked, notFound } from '../errors';
import { goodQuota, quotaMessage } from './quota';
import { hasText, isTierOrUndetermined } from '../tiers';

/** One pool's quarterly tiers while the unit admin determines them. */
export interface DeterminationState {
  locked: boolean;
  tiers: Readonly<Record<string, TierOrUndetermined>>;
}

export interface TierChange {
  personId: string;
  tier: TierOrUndetermined;
}

/** What an audited correction changed, for the audit log and the person's feedback card. */
export interface Correction {
  personId: string;
  from: TierOrUndetermined;
  to: TierOrUndetermined;
  reason: string;
}

type AdjustRules = Pick<Rules, 'quarterly' | 'monthly'>;

export const LOCKED_MESSAGE = '本季度结果已审定锁定，如需更正请走异议或更正流程';

/**
 * The unit admin changes one tier before confirming. Refused once the quarter is locked: after
 * the results are fed back, only an audited correction may change them. Never mutates `state`.
 */
export function applyAdjustment(state: DeterminationState, change: TierChange, rules: AdjustRules): DeterminationState {
  if (state.locked) throw locked(LOCKED_MESSAGE);
  const tiers = applyChanges(state.tiers, [change], rules);
  enforceQuota(state.tiers, tiers, rules);
  return { locked: false, tiers };
}

/**
 * An audited correction to a locked quarter (an upheld objection, a clerical error). It needs a
 * reason and still obeys the quota; a swap (one up, one down) is passed as one list so it is
 * checked as a whole. The quarter stays locked. Never mutates `state`.
 */
export function correctLocked(
  state: DeterminationState,
  changes: readonly TierChange[],
  reason: string,
  rules: AdjustRules,
): { state: DeterminationState; corrections: Correction[] } {
  if (!state.locked) {
    throw new DomainError('NOT_APPLICABLE', '本季度结果尚未锁定，请直接调整等次，无需走更正流程');
  }
  if (!hasText(reason)) throw invalidInput('更正已审定的结果须填写理由（如异议成立的依据）');
  const tiers = applyChanges(state.tiers, changes, rules);
  const corrections = changes
    .filter((c) => state.tiers[c.personId] !== c.tier)
    .map((c) => ({ personId: c.personId, from: state.tiers[c.personId]!, to: c.tier, reason: reason.trim() }));
  if (corrections.length === 0) throw invalidInput('更正后的等次与原结果相同，无需更正');
  enforceQuota(state.tiers, tiers, rules, '请在同一次更正中将其他人调整为较好');
  return { state: { locked: true, tiers }, corrections };
}

function applyChanges(
  before: Readonly<Record<string, TierOrUndetermined>>,
  changes: readonly TierChange[],
  rules: AdjustRules,
): Record<string, TierOrUndetermined> {
  const seen = new Set<string>();
  const after: Record<string, TierOrUndetermined> = { ...before };
  for (const { personId, tier } of changes) {
    if (!Object.hasOwn(before, personId)) throw notFound('本池中没有此人，无法调整其等次');
    if (seen.has(personId)) throw invalidInput('同一人在一次调整中出现了两次，请核对');
    seen.add(personId);
    if (!isTierOrUndetermined(tier)) throw invalidInput(`等次“${String(tier)}”无效，请从 好、较好、一般、较差 中选择`);
    if (tier === UNDETERMINED && !rules.monthly.allow_undetermined) {
      throw invalidInput('本单位规则不允许评为不定等次');
    }
    after[personId] = tier;
  }
  return after;
}

/**
 * A change is refused only when it raises the number of 好 above the quota, so lowering someone
 * is always possible even while a pool is still over (e.g. an undecided tie).
 */
function enforceQuota(
  before: Readonly<Record<string, TierOrUndetermined>>,
  after: Readonly<Record<string, TierOrUndetermined>>,
  rules: AdjustRules,
  hint?: string,
): void {
  if (!rules.quarterly.good_quota.hard_block) return;
  const poolSize = Object.keys(after).length;
  const quota = goodQuota(poolSize, rules);
  const goodBefore = countGood(before);
  const goodAfter = countGood(after);
  if (goodAfter > quota && goodAfter > goodBefore) {
    throw new DomainError('QUOTA_EXCEEDED', quotaMessage(poolSize, quota, { hint }));
  }
}

function countGood(tiers: Readonly<Record<string, TierOrUndetermined>>): number {
  return Object.values(tiers).filter((t) => t === '好').length;
}
