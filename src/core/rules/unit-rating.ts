import { z } from 'zod';
import { clockTime, score, share } from './fields';
import { UNIT_CLASSES } from './terms';

/**
 * 评优评差 of units (assessment-rules.md §3 and §6 unit_rating). Nothing authoritative was found for
 * these numbers, so every one is a design default a city overrides from its own 量化考评细则.
 */

export const AUTOMATIC_INDICATORS = ['weekly_completion', 'weekly_on_time', 'avg_monthly_score', 'low_tier_share', 'training'] as const;
export type AutomaticIndicator = (typeof AUTOMATIC_INDICATORS)[number];

export const NEGATIVE_CLASSES = ['工作提示单位', '通报批评单位', '警示单位'] as const;

const weight = z.number().min(0).max(100);

/**
 * One bottom-class rule: every condition given must hold. A rule that names only a rank would put a
 * unit in a negative class for being last among good units, which §3 warns against, so it needs
 * `rank_alone: true` written out.
 */
const negativeRule = z
  .object({
    class: z.enum(NEGATIVE_CLASSES),
    /** Among the last N ranked units (units tied with them included). */
    bottom_ranks: z.number().int().min(1).max(1000).optional(),
    score_below: score.optional(),
    /** At least this many points below the mean of the ranked units. */
    gap_below_mean: z.number().min(0).max(100).optional(),
    /** The unit's published class was negative in each of the previous N − 1 periods of the same kind. */
    consecutive_periods: z.number().int().min(2).max(12).optional(),
    rank_alone: z.boolean().default(false),
  })
  .refine((r) => r.bottom_ranks !== undefined || r.score_below !== undefined || r.gap_below_mean !== undefined, {
    message: '每条末位规则至少要有 bottom_ranks、score_below 或 gap_below_mean 之一',
  })
  .refine((r) => r.rank_alone || r.bottom_ranks === undefined || r.score_below !== undefined || r.gap_below_mean !== undefined, {
    message: '仅凭名次列入负面类别须写明 rank_alone: true（默认须同时满足分数底线或低于平均分规则）',
  });
export type NegativeRule = z.infer<typeof negativeRule>;

/** An indicator the city imports (`import indicators`): the 量化考评细则 items. */
const importedIndicator = z.object({
  name: z.string().trim().min(1).max(30),
  weight: weight.default(0),
  /** The value that scores 100; values are scaled to 0–100 by it. */
  max: z.number().positive().default(100),
  lower_is_better: z.boolean().default(false),
  /** 一票否决: a value above 0 puts the unit in `veto_class`, whatever its score; it carries no weight. */
  veto: z.boolean().default(false),
});
export type ImportedIndicatorRule = z.infer<typeof importedIndicator>;

const shareEffect = z.object({ good_share: share.optional(), excellent_share: share.optional() });

export const unitRatingSchema = z
  .object({
    /** organs: the 机关 (units without a parent) are ranked city-wide; divisions: each organ ranks its 处室. */
    ranked: z.enum(['organs', 'divisions']).default('organs'),
    /** 一月一评价、一季一通报、半年一检查. */
    periods: z.array(z.enum(['month', 'quarter', 'half'])).default(['month', 'quarter', 'half']),
    /** Drafts go out this many workdays after the first workday of the next month (monthly grading is done by then). */
    draft_after_workdays: z.number().int().min(0).max(30).default(7),
    draft_time: clockTime.default('10:00'),
    /** Announcements go out on workdays inside this window; outside it they wait for the next workday's `from`. */
    announce_window: z.object({ from: clockTime.default('09:00'), to: clockTime.default('18:00') }).prefault({}),
    /** The city group chat (公务员局) that gets every announcement; null: only the units' chats. */
    city_chat_id: z.string().min(1).nullable().default(null),
    weights: z
      .object({
        weekly_completion: weight.default(0.2),
        weekly_on_time: weight.default(0.1),
        avg_monthly_score: weight.default(0.3),
        low_tier_share: weight.default(0.2),
        training: weight.default(0.2),
      })
      .prefault({}),
    imported: z
      .array(importedIndicator)
      .default([])
      .refine((list) => new Set(list.map((i) => i.name)).size === list.length, { message: '导入指标名称不能重复' }),
    /** Ties in the composite are broken by these indicators' scores in order; still equal → the same rank. */
    tie_break: z.array(z.string()).default(['avg_monthly_score', 'weekly_completion']),
    advanced: z
      .object({
        top_share: share.default(0.3),
        rounding: z.enum(['floor', 'round', 'ceil']).default('floor'),
        /** No unit below this composite is 先进单位, whatever its rank. */
        min_score: score.default(80),
      })
      .prefault({}),
    /** Checked from the most severe class down; the first rule that holds decides. */
    negative: z.array(negativeRule).default([
      { class: '通报批评单位', score_below: 60, consecutive_periods: 2, rank_alone: false },
      { class: '通报批评单位', bottom_ranks: 1, gap_below_mean: 10, consecutive_periods: 2, rank_alone: false },
      { class: '工作提示单位', score_below: 60, rank_alone: false },
      { class: '工作提示单位', bottom_ranks: 1, gap_below_mean: 10, rank_alone: false },
    ]),
    veto_class: z.enum(NEGATIVE_CLASSES).default('警示单位'),
    /** Rows of the ranking table on a unit's announcement (the unit's own row is added when outside them). */
    announce_top_n: z.number().int().min(1).max(20).default(10),
    /**
     * How a published class moves the organ's quotas in the following period: the quarterly 好 share
     * and the annual 优秀 share. Absent: the organ keeps the quarterly / annual defaults.
     */
    quota_effects: z
      .object({
        /** Which published rankings count, preferred first when several end on the same day. */
        basis_periods: z.array(z.enum(['half', 'quarter', 'month'])).default(['half', 'quarter']),
        classes: z
          .partialRecord(z.enum(UNIT_CLASSES), shareEffect)
          .default({ 先进单位: { excellent_share: 0.25 }, 通报批评单位: { excellent_share: 0.1 }, 警示单位: { excellent_share: 0.1 } }),
      })
      .prefault({}),
    requires_human_confirm: z.literal(true).default(true),
  })
  .prefault({})
  .refine((r) => r.imported.every((i) => !(AUTOMATIC_INDICATORS as readonly string[]).includes(i.name)), {
    message: `导入指标不能与自动指标同名（${AUTOMATIC_INDICATORS.join('、')}）`,
  })
  .refine((r) => r.tie_break.every((name) => (AUTOMATIC_INDICATORS as readonly string[]).includes(name) || r.imported.some((i) => i.name === name && !i.veto)), {
    message: 'tie_break 只能列自动指标或有权重的导入指标',
  });
