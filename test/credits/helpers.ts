import type { TrainingKind } from '../../src/core/rules/terms';
import { defaultRules, parseRules, type Rules, type RulesInput } from '../../src/core/rules/rules';
import type { TrainingRecord } from '../../src/core/credits';

export const rules = defaultRules();
export const training = rules.training;

export function trainingWith(overrides: NonNullable<RulesInput['training']>): Rules['training'] {
  return parseRules({ training: overrides }).training;
}

export function rec(
  hours: number,
  kind: TrainingKind = 'offline',
  extra: Partial<TrainingRecord> = {},
): TrainingRecord {
  return {
    date: '2026-03-10',
    title: '培训',
    kind,
    hours,
    required: false,
    source: 'import',
    status: 'approved',
    ...extra,
  };
}
