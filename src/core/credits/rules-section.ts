import type { Rules } from '../rules/rules';

/** Lets callers pass either the whole rules object or just its `training` section. */
export function trainingSection(rules: Rules | Rules['training']): Rules['training'] {
  return 'training' in rules ? rules.training : rules;
}
