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
  // No source sets how a month of 一般/较差 bears on the quarter; the cap keeps it from averaging away.
  'quarterly.month_caps': 'design',
  'quarterly.min_months': 'design',
  // Probation is 不定等次 in the annual rules (bjdnbx) and in S-JEECG's 不确定等次 list.
  'quarterly.probation': 'local-common',
  // "原则上不超过本机关参加平时考核人数的 40%": the organ is the base (reference §1.5, round 2).
  'quarterly.quota_scope': 'national',
  'quarterly.good_quota.max_share': 'local-common',
  'quarterly.good_quota.rounding': 'local-common',
  'quarterly.good_quota.hard_block': 'local-common',
  'quarterly.good_quota.min_one_seat': 'design',
  'quarterly.good_quota.tie_break': 'local-common',
  'quarterly.pools': 'local-common',
  'quarterly.objection_workdays': 'design',
  'quarterly.card_page_size': 'design',
  'annual.excellent_eligibility': 'local-common',
  'annual.require_training': 'local-common',
  'annual.training_makeup_until': 'design',
  // Seed 002: "年底不得评先评优，并缓定当年年度考核等次，等培训任务完成后再确定".
  'annual.makeup_restores_excellent': 'local-common',
  'annual.disqualifiers': 'local-common',
  'annual.annual_tiers': 'national',
  'annual.excellent_max_share': 'national',
  // Seed 002 says the 优秀 share is 核减 for units short of training; by how much is not given.
  'annual.training_shortfall': 'design',
  'annual.review_date': 'design',
  'annual.review_time': 'design',
  'training.requirements': 'national',
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
  notifications: 'design',
  // Seed 003 (Kunming): "通过分级考核、民主测评、综合评价等方式"; 分区干部测评 at the 政务服务管理局.
  peers: 'local-common',
  // The example split 领导评鉴 70 % / 民主测评 30 % is the issue's; S-PARTY and S-CB weigh ballots likewise.
  'peers.weights': 'design',
  'peers.tier_points': 'design',
  'peers.min_answers': 'design',
  'peers.send_time': 'design',
  'peers.card_page_size': 'design',
  // Seed 004: "九龙坡区将服务对象评价纳入窗口单位考核", "好差评结果与平时考核审核评鉴相结合".
  service_rating: 'local-common',
  'service_rating.good_points': 'design',
  'service_rating.bad_points': 'design',
  'service_rating.score_baseline': 'design',
  'service_rating.score_points': 'design',
  // 个人小结 is the national method's first step (seed 004); when and how long are each unit's choice.
  'self_summary.enabled': 'national',
  // Real systems run the cycle by quarter (S-JEECG, S-POL); monthly where a unit assesses monthly.
  'self_summary.period': 'local-common',
  'self_summary.send_time': 'design',
  // "个人小结, due by day 5 of the next quarter" (assessment-rules.md §6, design).
  'self_summary.due_workdays': 'design',
  'self_summary.due_time': 'design',
  'self_summary.reminder': 'design',
  'self_summary.max_chars': 'design',
};

export function basisOf(path: string): Basis | undefined {
  const parts = path.split('.');
  for (let i = parts.length; i > 0; i--) {
    const hit = RULE_BASIS[parts.slice(0, i).join('.')];
    if (hit) return hit;
  }
  return undefined;
}
