import { UNDETERMINED, type TierOrUndetermined } from '../rules/terms';
import type { Rules } from '../rules/rules';
import { DomainError, invalidInput, locked, notFound } from '../errors';
import { assertNoProblems } from '../problems';
import { checkScopeQuota, type ScopeMember } from './scope-quota';
import { hasText, isTierOrUndetermined } from '../tiers';

/**
 * One pool's quarterly tiers while the admin determines or corrects them, with the rest of its
 * scope: the scope's pools share the 好 seats, so a change is checked against all of them.
 */
export interface DeterminationState {
  pool: string;
  locked: boolean;
  /** Everyone of the scope, every pool. */
  members: readonly ScopeMember[];
  /** The scope's other pools already locked (their 好 must stay within their seats). */
  lockedPools?: ReadonlySet<string>;
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
 * The admin changes one tier before confirming. Refused once the pool is locked: after the results
 * are fed back, only an audited correction may change them. Never mutates `state`.
 */
export function applyAdjustment(state: DeterminationState, change: TierChange, rules: AdjustRules): DeterminationState {
  if (state.locked) throw locked(LOCKED_MESSAGE);
  const members = applyChanges(state, [change], rules);
  assertQuota(state, members, rules);
  return { ...state, members };
}

/**
 * An audited correction to a locked pool (an upheld objection, a clerical error). It needs a reason
 * and still obeys the quota; a swap (one up, others down) is passed as one list so it is checked as
 * a whole. The pool stays locked. Never mutates `state`.
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
  const members = applyChanges(state, changes, rules);
  const tierOf = new Map(state.members.map((m) => [m.personId, m.tier]));
  const corrections = changes
    .filter((c) => tierOf.get(c.personId) !== c.tier)
    .map((c) => ({ personId: c.personId, from: tierOf.get(c.personId)!, to: c.tier, reason: reason.trim() }));
  if (corrections.length === 0) throw invalidInput('更正后的等次与原结果相同，无需更正');
  assertQuota(state, members, rules, '请在同一次更正中将本组其他“好”等次人员调整为较好');
  return { state: { ...state, members }, corrections };
}

function applyChanges(state: DeterminationState, changes: readonly TierChange[], rules: AdjustRules): ScopeMember[] {
  const seen = new Set<string>();
  const byId = new Map(state.members.map((m) => [m.personId, m]));
  const after = new Map(byId);
  for (const { personId, tier } of changes) {
    const member = byId.get(personId);
    if (!member || member.pool !== state.pool) throw notFound('本组中没有此人，无法调整其等次');
    if (seen.has(personId)) throw invalidInput('同一人在一次调整中出现了两次，请核对');
    seen.add(personId);
    if (!isTierOrUndetermined(tier)) throw invalidInput(`等次“${String(tier)}”无效，请从 好、较好、一般、较差 中选择`);
    if (tier === UNDETERMINED && !rules.monthly.allow_undetermined) throw invalidInput('本单位规则不允许评为不定等次');
    after.set(personId, { ...member, tier });
  }
  return [...after.values()];
}

function assertQuota(state: DeterminationState, after: readonly ScopeMember[], rules: AdjustRules, hint?: string): void {
  const check = checkScopeQuota(state.members, after, { pool: state.pool, locked: state.lockedPools ?? new Set(), hint }, rules);
  assertNoProblems(check.errors, 'QUOTA_EXCEEDED');
}
