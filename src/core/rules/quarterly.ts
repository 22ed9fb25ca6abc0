import { z } from 'zod';
import { clockTime, share } from './fields';
import { LEVEL_POOLS } from './terms';

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
