import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { goodShareFor, type ShareBasis } from '../ranking/quota-effect.service';
import type { Rules } from '../rules/rules';

export interface QuotaRules {
  rules: Rules;
  note: string | null;
}

/**
 * The rules a scope's 好 quota uses in a quarter. Where the rules say so (unit_rating.quota_effects),
 * the organ's class in the last published 评优评差 moves its 好 share; `note` is the sentence the
 * determination card shows, with its basis. Everything that counts seats for the scope goes through
 * here, so the proposal, the card and the checks on save, confirm and correction agree. `basis`: the
 * published rankings, when the caller has read them for many scopes (goodShareBasis).
 */
export async function quotaRulesFor(db: Kysely<Database>, rules: Rules, scopeId: string, quarterKey: string, basis?: ShareBasis): Promise<QuotaRules> {
  const share = await goodShareFor({ db, rules }, scopeId, quarterKey, basis);
  if (!share.cause) return { rules, note: null };
  const good_quota = { ...rules.quarterly.good_quota, max_share: share.share };
  return { rules: { ...rules, quarterly: { ...rules.quarterly, good_quota } }, note: share.text };
}
