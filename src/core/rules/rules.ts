import { z } from 'zod';
import { annualSchema } from './annual';
import { calendarSchema } from './calendar';
import { monthlySchema } from './monthly';
import { notificationsSchema } from './notifications';
import { peersSchema, serviceRatingSchema } from './peers';
import { privacySchema } from './privacy';
import { quarterlySchema } from './quarterly';
import { scoringSchema } from './scoring';
import { selfSummarySchema } from './self-summary';
import { trainingSchema } from './training';
import { unitRatingSchema } from './unit-rating';
import { weeklySchema } from './weekly';

/**
 * The rules file: every number the assessment uses. Defaults follow
 * ../shared/reference/assessment-rules.md §6; `RULE_BASIS` says where each came from.
 * Keys are snake_case so a unit's YAML reads like its 实施细则.
 */

export const rulesSchema = z
  .object({
    calendar: calendarSchema,
    weekly: weeklySchema,
    scoring: scoringSchema,
    monthly: monthlySchema,
    quarterly: quarterlySchema,
    annual: annualSchema,
    training: trainingSchema,
    unit_rating: unitRatingSchema,
    privacy: privacySchema,
    notifications: notificationsSchema,
    peers: peersSchema,
    service_rating: serviceRatingSchema,
    self_summary: selfSummarySchema,
  })
  .strict();

export type Rules = z.infer<typeof rulesSchema>;
export type RulesInput = z.input<typeof rulesSchema>;

export function defaultRules(): Rules {
  return rulesSchema.parse({});
}

/** Parses a rules object; on failure throws one line naming the setting and the fix. */
export function parseRules(input: unknown, source = '规则文件'): Rules {
  const result = rulesSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.join('.') || '(根)';
  throw new RulesError(`${source}: 设置 ${path} 无效：${issue.message}。请改正后重启（PINGSHI_RULES）。`);
}

export class RulesError extends Error {
  readonly code = 'RULES_INVALID';
}

