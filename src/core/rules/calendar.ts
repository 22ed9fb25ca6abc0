import { z } from 'zod';
import { isoDate } from './fields';

export const calendarSchema = z
  .object({
    timezone: z.literal('Asia/Shanghai').default('Asia/Shanghai'),
    /** Dates the State Council announced after the calendar package was released. */
    extra_holidays: z.array(isoDate).default([]),
    extra_workdays: z.array(isoDate).default([]),
  })
  .prefault({});
