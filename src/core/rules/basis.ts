/** Where each default comes from (assessment-rules.md §6): national / local-common / design. */

export type Basis = 'national' | 'local-common' | 'design';

/** Keyed by dotted path; a prefix covers its children. */
export const RULE_BASIS: Record<string, Basis> = {
  'calendar.timezone': 'national',
  'calendar.extra_holidays': 'national',
  'calendar.extra_workdays': 'national',
  weekly: 'design',
  'scoring.scale': 'local-common',
  'scoring.weights': 'design',
  'scoring.bands': 'local-common',
  'scoring.bonus_cap': 'local-common',
  'scoring.deduction_cap': 'design',
  'monthly.review_time': 'design',
  'monthly.allow_undetermined': 'local-common',
  'monthly.override_needs_reason': 'design',
  'quarterly.close_time': 'design',
  'quarterly.close_after_workdays': 'design',
  'quarterly.proposal': 'design',
  'quarterly.good_quota.max_share': 'local-common',
  'quarterly.good_quota.rounding': 'local-common',
  'quarterly.good_quota.hard_block': 'local-common',
  'quarterly.good_quota.tie_break': 'local-common',
  'quarterly.pools': 'local-common',
  'quarterly.objection_workdays': 'design',
  'annual.excellent_eligibility': 'local-common',
  'annual.require_training': 'design',
  'annual.disqualifiers': 'local-common',
  'annual.annual_tiers': 'national',
  'annual.excellent_max_share': 'national',
  'training.annual_required_hours': 'national',
  'training.online_min_hours': 'national',
  'training.hours_per_day': 'design',
  'training.kind_caps': 'local-common',
  'training.online_cap_share_of_total': 'design',
  'training.required_vs_elective': 'local-common',
  'training.carry_over': 'local-common',
  'training.max_hours_per_record': 'design',
  'training.midyear_checkpoint': 'design',
  'training.yearend_checkpoint': 'design',
  unit_rating: 'design',
  'unit_rating.advanced.top_share': 'local-common',
  'unit_rating.quota_effects.classes.先进单位.excellent_share': 'national',
  privacy: 'design',
};

export function basisOf(path: string): Basis | undefined {
  const parts = path.split('.');
  for (let i = parts.length; i > 0; i--) {
    const hit = RULE_BASIS[parts.slice(0, i).join('.')];
    if (hit) return hit;
  }
  return undefined;
}
