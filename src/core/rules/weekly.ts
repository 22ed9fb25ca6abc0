import { z } from 'zod';
import { clockTime } from './fields';

export const weeklySchema = z
  .object({
    /** The prompt goes out on the week's last workday at this time. */
    prompt_time: clockTime.default('15:00'),
    /** Records are due on the week's last workday at this time. */
    due_time: clockTime.default('18:00'),
    /** The reminder and supervisor digest go out on the next week's first workday. */
    reminder_time: clockTime.default('09:00'),
    /** How many past weeks a late record may still be written for. */
    late_weeks: z.number().int().min(0).max(4).default(1),
    history_weeks: z.number().int().min(1).max(52).default(8),
    max_chars: z.number().int().min(100).max(20000).default(4000),
  })
  .prefault({});
