import { z } from 'zod';
import { monthDay, share } from './fields';
import { TRAINING_KINDS } from './terms';

export const trainingSchema = z
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
