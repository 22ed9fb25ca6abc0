import { z } from 'zod';
import { clockTime, monthDay, share } from './fields';
import { SANCTION_KINDS, TIERS } from './terms';

export const annualSchema = z
  .object({
    excellent_eligibility: z
      .object({
        mode: z.enum(['at_least_one_good', 'majority_good_no_low']).default('majority_good_no_low'),
        min_good_quarters: z.number().int().min(0).max(4).default(2),
        forbid_tiers: z.array(z.enum(TIERS)).default(['一般', '较差']),
      })
      .prefault({}),
    require_training: z.boolean().default(true),
    /**
     * Records dated in the next year up to this MM-DD still count for the previous year's training
     * (补学), so a 缓定 annual tier can be determined once they complete it; null: never.
     */
    training_makeup_until: monthDay.nullable().default('03-31'),
    /** Whether training finished in the make-up window also restores 优秀 eligibility ("年底不得评先评优": no). */
    makeup_restores_excellent: z.boolean().default(false),
    disqualifiers: z
      .object({
        /** Leave of these kinds covering more than half the year's workdays bars 优秀. */
        leave_over_half_year: z.boolean().default(true),
        leave_kinds: z.array(z.string().min(1)).default(['请假', '病假', '事假']),
        /** A sanction of these kinds whose 影响期 overlaps the year bars 优秀. */
        sanction_kinds: z.array(z.enum(SANCTION_KINDS)).default([...SANCTION_KINDS]),
      })
      .prefault({}),
    annual_tiers: z.array(z.string()).default(['优秀', '称职', '基本称职', '不称职']),
    excellent_max_share: share.default(0.2),
    /** The organ's 优秀 share is cut by `reduce_share_by` when fewer than `completion_below` of its people met the training. */
    training_shortfall: z
      .object({ completion_below: share.default(1), reduce_share_by: share.default(0.05) })
      .prefault({}),
    /** The year-end card to each organ's admins: the first workday on or after this MM-DD of the next year. */
    review_date: monthDay.default('01-20'),
    review_time: clockTime.default('09:00'),
  })
  .prefault({});
