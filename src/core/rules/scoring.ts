import { z } from 'zod';
import { score, share } from './fields';

const bandsSchema = z
  .object({
    好: score.default(90),
    较好: score.default(80),
    一般: score.default(60),
  })
  .prefault({})
  .refine((b) => b.好 > b.较好 && b.较好 > b.一般, { message: '分数段须满足 好 > 较好 > 一般' });

export const scoringSchema = z
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
