import type { Rules } from '../rules/rules';

/**
 * 同级同台: people are ranked, and share the scope's 好 seats, within their level's pool. The
 * rules list the pools (a pool may merge levels); null for a level no pool names.
 */
export function poolOf(level: string, rules: Pick<Rules, 'quarterly'>): string | null {
  return rules.quarterly.pools.find((p) => (p.levels as readonly string[]).includes(level))?.name ?? null;
}

/** The pool names in the rules' order (the order cards and allocations use). */
export const poolNames = (rules: Pick<Rules, 'quarterly'>): string[] => rules.quarterly.pools.map((p) => p.name);
