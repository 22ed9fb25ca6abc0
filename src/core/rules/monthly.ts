import { z } from 'zod';
import { clockTime } from './fields';

export const monthlySchema = z
  .object({
    /** Grading cards go out on the first workday of the next month at this time. */
    review_time: clockTime.default('09:00'),
    allow_undetermined: z.boolean().default(true),
    override_needs_reason: z.boolean().default(true),
  })
  .prefault({});
