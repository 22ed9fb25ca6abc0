import { z } from 'zod';
import { clockTime, share } from './fields';
import { LEVEL_POOLS, TIERS } from './terms';

/**
 * A 同级同台 pool: people of these levels are ranked together. A bare level ("正职") is a pool of
 * that level alone; `{name, levels}` merges levels (e.g. 处级领导: 正职 + 副职).
 */
const poolSpec = z.union([
  z.enum(LEVEL_POOLS).transform((level) => ({ name: level as string, levels: [level] })),
  z.object({ name: z.string().trim().min(1).max(20), levels: z.array(z.enum(LEVEL_POOLS)).min(1) }),
]);

const pools = z
  .array(poolSpec)
  .min(1)
  .prefault([...LEVEL_POOLS])
  .refine((ps) => new Set(ps.map((p) => p.name)).size === ps.length, { message: '分组名称不能重复' })
  .refine((ps) => new Set(ps.flatMap((p) => p.levels)).size === ps.flatMap((p) => p.levels).length, {
    message: '同一职级只能属于一个分组',
  });

export type PoolSpec = z.output<typeof poolSpec>;

export const quarterlySchema = z
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
    /** A month graded at a key tier caps the quarter's proposal at the value (较差 month → at most 一般). */
    month_caps: z.partialRecord(z.enum(TIERS), z.enum(TIERS)).default({ 较差: '一般', 一般: '较好' }),
    /** Fewer graded months than this in the quarter → 不定等次 (with the reason on the card). */
    min_months: z.number().int().min(1).max(3).default(2),
    /** Months of 试用期 do not count; `undetermined`: a quarter left with too few months is 不定等次. `rate`: probation months count. */
    probation: z.enum(['undetermined', 'rate']).default('undetermined'),
    /**
     * What the 好 quota is counted over: `organ` — the 机关 (a unit with no parent) and every unit
     * below it, pools being levels across the organ; `division` — each 处室 separately, for organs
     * that allocate seats to 处室.
     */
    quota_scope: z.enum(['organ', 'division']).default('organ'),
    good_quota: z
      .object({
        max_share: share.default(0.4),
        /** Applied once, to the scope's total (max_share × rated people); pools share it by largest remainder. */
        rounding: z.enum(['floor', 'round', 'ceil']).default('floor'),
        hard_block: z.boolean().default(true),
        /** No pool with rated people is left without a seat by rounding alone while the scope has enough seats. */
        min_one_seat: z.boolean().default(true),
        /** Ties at the quota line are broken by these, in order; what is still tied goes to a human. */
        tie_break: z
          .array(z.enum(['work_score', 'conduct_score', 'good_months']))
          .default(['work_score', 'good_months']),
      })
      .prefault({}),
    pools,
    objection_workdays: z.number().int().min(0).max(30).default(5),
    /** People per determination card: Lark refuses a card over 200 elements or 30 KB. */
    card_page_size: z.number().int().min(5).max(20).default(20),
  })
  .prefault({});
