import { z } from 'zod';
import { share } from './fields';
import { TIERS } from './terms';

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
    disqualifiers: z
      .object({
        leave_over_half_year: z.boolean().default(true),
      })
      .prefault({}),
    annual_tiers: z.array(z.string()).default(['优秀', '称职', '基本称职', '不称职']),
    excellent_max_share: share.default(0.2),
  })
  .prefault({});
