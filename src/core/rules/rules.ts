import { z } from 'zod';

/**
 * The rules file: every number the assessment uses. Defaults follow
 * ../shared/reference/assessment-rules.md §6; `RULE_BASIS` says where each came from.
 * Keys are snake_case so a unit's YAML reads like its 实施细则.
 */

export const TIERS = ['好', '较好', '一般', '较差'] as const;
export type Tier = (typeof TIERS)[number];
export const UNDETERMINED = '不定等次' as const;
export type TierOrUndetermined = Tier | typeof UNDETERMINED;

export const LEVEL_POOLS = ['正职', '副职', '一般干部'] as const;
export type LevelPool = (typeof LEVEL_POOLS)[number];

export const TRAINING_KINDS = ['offline', 'online', 'degree', 'exam', 'lecture'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

export const UNIT_CLASSES = ['先进单位', '一般', '工作提示单位', '通报批评单位', '警示单位'] as const;
export type UnitClass = (typeof UNIT_CLASSES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const monthDay = z.string().regex(/^\d{2}-\d{2}$/, '日期格式应为 MM-DD');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');
const share = z.number().min(0).max(1);
const score = z.number().min(0).max(100);

const calendarSchema = z
  .object({
    timezone: z.literal('Asia/Shanghai').default('Asia/Shanghai'),
    /** Dates the State Council announced after the calendar package was released. */
    extra_holidays: z.array(isoDate).default([]),
    extra_workdays: z.array(isoDate).default([]),
  })
  .prefault({});

const weeklySchema = z
  .object({
    /** The prompt goes out on the week's last workday at this time. */
    prompt_time: clockTime.default('15:00'),
    /** Records are due on the week's last workday at this time. */
    due_time: clockTime.default('18:00'),
    /** The reminder and supervisor digest go out on the next week's first workday. */
    reminder_time: clockTime.default('09:00'),
    /** How many past weeks a late record may still be written for. */
    late_weeks: z.number().int().min(0).max(4).default(1),
    history_weeks: z.number().int().min(1).max(52).default(8),
    max_chars: z.number().int().min(100).max(20000).default(4000),
  })
  .prefault({});

const bandsSchema = z
  .object({
    好: score.default(90),
    较好: score.default(80),
    一般: score.default(60),
  })
  .prefault({})
  .refine((b) => b.好 > b.较好 && b.较好 > b.一般, { message: '分数段须满足 好 > 较好 > 一般' });

const scoringSchema = z
  .object({
    scale: z.literal(100).default(100),
    weights: z
      .object({ work: share.default(0.6), conduct: share.default(0.4) })
      .prefault({})
      .refine((w) => Math.abs(w.work + w.conduct - 1) < 1e-9, { message: '工作实绩与工作作风权重之和须为 1' }),
    /** Lower bounds of the score bands: 好 ≥ 90, 较好 ≥ 80, 一般 ≥ 60, otherwise 较差. */
    bands: bandsSchema,
    bonus_cap: z.number().min(0).max(100).default(6),
    deduction_cap: z.number().min(0).max(100).default(20),
  })
  .prefault({});

const monthlySchema = z
  .object({
    /** Grading cards go out on the first workday of the next month at this time. */
    review_time: clockTime.default('09:00'),
    allow_undetermined: z.boolean().default(true),
    override_needs_reason: z.boolean().default(true),
  })
  .prefault({});

const quarterlySchema = z
  .object({
    /** Time of day the determination cards go out (see close_after_workdays for the day). */
    close_time: clockTime.default('09:00'),
    /**
     * The determination cards go out this many workdays after the first workday following the
     * quarter, at close_time. The last month's grading cards are sent on that first workday, so
     * with the default the supervisors have had a week to grade it and the cards normally have no
     * pending months. 0 closes on that first workday itself (together with the last month's review).
     */
    close_after_workdays: z.number().int().min(0).max(30).default(5),
    /** How the quarter's proposed tier is derived from the months. */
    proposal: z.enum(['mean_score_band']).default('mean_score_band'),
    good_quota: z
      .object({
        max_share: share.default(0.4),
        rounding: z.enum(['floor', 'round', 'ceil']).default('floor'),
        hard_block: z.boolean().default(true),
        /** Ties at the quota line are broken by these, in order; what is still tied goes to a human. */
        tie_break: z
          .array(z.enum(['work_score', 'conduct_score', 'good_months']))
          .default(['work_score', 'good_months']),
      })
      .prefault({}),
    pools: z.array(z.enum(LEVEL_POOLS)).default([...LEVEL_POOLS]),
    objection_workdays: z.number().int().min(0).max(30).default(5),
  })
  .prefault({});

const annualSchema = z
  .object({
    excellent_eligibility: z
      .object({
        mode: z.enum(['at_least_one_good', 'majority_good_no_low']).default('majority_good_no_low'),
        min_good_quarters: z.number().int().min(0).max(4).default(2),
        forbid_tiers: z.array(z.enum(TIERS)).default(['一般', '较差']),
      })
      .prefault({}),
    require_training: z.boolean().default(true),
    disqualifiers: z
      .object({
        leave_over_half_year: z.boolean().default(true),
      })
      .prefault({}),
    annual_tiers: z.array(z.string()).default(['优秀', '称职', '基本称职', '不称职']),
    excellent_max_share: share.default(0.2),
  })
  .prefault({});

const trainingSchema = z
  .object({
    annual_required_hours: z.number().min(0).max(1000).default(90),
    online_min_hours: z.number().min(0).max(1000).default(50),
    hours_per_day: z.number().min(1).max(12).default(8),
    /** Yearly caps per kind (学时); absent = no cap. */
    kind_caps: z.partialRecord(z.enum(TRAINING_KINDS), z.number().min(0)).default({ degree: 24 }),
    /** Share of the annual target that online hours may fill; null = no cap. */
    online_cap_share_of_total: share.nullable().default(null),
    required_vs_elective: z
      .object({
        enabled: z.boolean().default(false),
        required: z.number().min(0).default(56),
        total: z.number().min(0).default(84),
      })
      .prefault({}),
    carry_over: z.boolean().default(false),
    /** A single record above this is refused as impossible. */
    max_hours_per_record: z.number().min(1).default(200),
    midyear_checkpoint: z
      .object({ date: monthDay.default('06-30'), expected_share: share.default(0.5) })
      .prefault({}),
    yearend_checkpoint: z.object({ date: monthDay.default('12-01') }).prefault({}),
  })
  .prefault({});

const unitRatingSchema = z
  .object({
    periods: z.array(z.enum(['month', 'quarter', 'half'])).default(['month', 'quarter', 'half']),
    /** Weights of the automatic indicators; imported indicators use `imported_weights`. */
    weights: z
      .object({
        weekly_completion: share.default(0.25),
        on_time: share.default(0.15),
        avg_monthly_score: share.default(0.3),
        credit_completion: share.default(0.3),
      })
      .prefault({}),
    imported_weights: z.record(z.string(), share).default({}),
    top_share_advanced: share.default(0.3),
    /** No unit is put in a negative class unless its score is below the floor or the gap rule applies. */
    floor_score: score.default(60),
    gap_below_mean: z.number().min(0).max(100).default(10),
    requires_human_confirm: z.literal(true).default(true),
  })
  .prefault({});

const privacySchema = z
  .object({
    /** 通报表扬: name people rated 好 in unit announcements. Off unless a unit enables it. */
    praise_named: z.boolean().default(false),
  })
  .prefault({});

export const rulesSchema = z
  .object({
    calendar: calendarSchema,
    weekly: weeklySchema,
    scoring: scoringSchema,
    monthly: monthlySchema,
    quarterly: quarterlySchema,
    annual: annualSchema,
    training: trainingSchema,
    unit_rating: unitRatingSchema,
    privacy: privacySchema,
  })
  .strict();

export type Rules = z.infer<typeof rulesSchema>;
export type RulesInput = z.input<typeof rulesSchema>;

export type Basis = 'national' | 'local-common' | 'design';

/** Where each default comes from (assessment-rules.md §6). Keyed by dotted path; a prefix covers its children. */
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

export function defaultRules(): Rules {
  return rulesSchema.parse({});
}

/** Parses a rules object; on failure throws one line naming the setting and the fix. */
export function parseRules(input: unknown, source = '规则文件'): Rules {
  const result = rulesSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.join('.') || '(根)';
  throw new RulesError(`${source}: 设置 ${path} 无效：${issue.message}。请改正后重启（PINGSHI_RULES）。`);
}

export class RulesError extends Error {
  readonly code = 'RULES_INVALID';
}
