import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { goodShareBasis, goodShareFor, type ShareBasis } from '../ranking/quota-effect.service';
import type { Rules } from '../rules/rules';
import { loadUnits, organOf, type UnitIndex } from './scope';

export interface QuotaRules {
  rules: Rules;
  note: string | null;
}

/**
 * The rules a scope's 好 quota uses in a quarter. Where the rules say so (unit_rating.quota_effects),
 * the organ's class in the last published 评优评差 moves its 好 share; `note` is the sentence the
 * determination card shows, with its basis. Everything that counts seats for the scope goes through
 * here, so the proposal, the card and the checks on save, confirm and correction agree. A 处室 scope
 * (quota_scope: division) takes its organ's class: organs are what is ranked, and the class is earned
 * by the organ's people. `read`: what the caller has already read for many scopes — the published
 * rankings (goodShareBasis) and the units.
 */
export async function quotaRulesFor(
  db: Kysely<Database>,
  rules: Rules,
  scopeId: string,
  quarterKey: string,
  read: { basis?: ShareBasis; units?: UnitIndex } = {},
): Promise<QuotaRules> {
  const basis = read.basis ?? (await goodShareBasis({ db, rules }, quarterKey));
  // Nothing published behind the quarter moves any share: no need to know whose organ this is.
  if (!basis.publications?.length) return { rules, note: null };
  const organId = rules.quarterly.quota_scope === 'division' ? organOf(scopeId, read.units ?? (await loadUnits(db))) : scopeId;
  const share = await goodShareFor({ db, rules }, organId, quarterKey, basis);
  if (!share.cause) return { rules, note: null };
  const good_quota = { ...rules.quarterly.good_quota, max_share: share.share };
  return { rules: { ...rules, quarterly: { ...rules.quarterly, good_quota } }, note: share.text };
}
