import { z } from 'zod';
import { clockTime } from './fields';

/**
 * Calm: what the bot sends on its own (prompts, reminders, digests, cards for others to act on,
 * feedback) goes out on workdays inside these hours; outside them it waits for the next workday's
 * `from`. Answers to a person's own command are never held.
 */
export const notificationsSchema = z
  .object({
    calm_hours: z
      .object({ from: clockTime.default('09:00'), to: clockTime.default('18:00') })
      .prefault({})
      .refine((w) => w.from < w.to, { message: 'calm_hours.from 须早于 to' }),
  })
  .prefault({});
