import { z } from 'zod';
import { score, share } from './fields';

export const unitRatingSchema = z
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
