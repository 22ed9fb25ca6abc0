import type { Rules } from '../rules/rules';
import { TIERS, UNDETERMINED } from '../rules/terms';

/** The form field of a person's tier select on the determination card (the card and the service agree on it). */
export const tierField = (openId: string): string => `t_${openId}`;

/** The tiers an admin may choose on the determination and objection cards. */
export function tierOptions(rules: Pick<Rules, 'monthly'>): string[] {
  return rules.monthly.allow_undetermined ? [...TIERS, UNDETERMINED] : [...TIERS];
}
