import { TIERS, UNDETERMINED, type Tier, type TierOrUndetermined } from './rules/terms';

/** Card inputs arrive as strings, so a tier is checked at run time before it is trusted. */
export function isTier(value: unknown): value is Tier {
  return (TIERS as readonly unknown[]).includes(value);
}

export function isTierOrUndetermined(value: unknown): value is TierOrUndetermined {
  return value === UNDETERMINED || isTier(value);
}

/** 一般 and 较差: the tiers that cost 评优评先 eligibility. */
export function isLowTier(tier: TierOrUndetermined | null): boolean {
  return tier === '一般' || tier === '较差';
}

export function hasText(s: string | null | undefined): boolean {
  return typeof s === 'string' && s.trim().length > 0;
}
