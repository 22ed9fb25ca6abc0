import { z } from 'zod';
import { clockTime } from './fields';

/**
 * 个人小结: the first step of the national method (个人小结 → 领导评鉴 → 结果反馈; seed 004: "以个人小结、
 * 领导评鉴、结果反馈为基本步骤，公务员书面或口头小结"). Each person writes a short summary per assessment
 * period; the supervisor's grading card and the determination card show it.
 */
export const selfSummarySchema = z
  .object({
    enabled: z.boolean().default(true),
    /** The period a summary covers: quarterly (the usual cycle), monthly where a unit's rules say so. */
    period: z.enum(['quarter', 'month']).default('quarter'),
    /** The cards go out on the period's last workday at this time. */
    send_time: clockTime.default('10:00'),
    /** Due at `due_time` on the n-th workday after the period's last workday ("by day 5 of the next quarter"). */
    due_workdays: z.number().int().min(1).max(20).default(5),
    due_time: clockTime.default('18:00'),
    /** One private reminder to those who have not submitted, this many workdays before the due day. */
    reminder: z
      .object({
        enabled: z.boolean().default(true),
        workdays_before_due: z.number().int().min(0).max(19).default(2),
        time: clockTime.default('09:00'),
      })
      .prefault({}),
    /** A short summary: characters at most (a card input takes at most 1000). */
    max_chars: z.number().int().min(100).max(1000).default(800),
  })
  .prefault({})
  .refine((s) => s.reminder.workdays_before_due < s.due_workdays, { message: 'reminder.workdays_before_due 须小于 due_workdays' });
