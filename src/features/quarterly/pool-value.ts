import { LEVEL_POOLS } from '../../core/rules/rules';
import { isPeriodKey } from '../../core/calendar/periods';
import { notFound } from '../../core/errors';
import type { PoolKey } from '../../core/quarterly/results.repository';

/**
 * The pool a determination button names. Only its shape is checked here: the service re-loads the
 * pool from the database and checks the clicker against the unit it belongs to.
 */
export function poolFromValue(value: Record<string, unknown>): PoolKey {
  const { unit, quarter, level } = value;
  if (
    typeof unit !== 'string' ||
    !unit ||
    typeof quarter !== 'string' ||
    !isPeriodKey(quarter, 'quarter') ||
    typeof level !== 'string' ||
    !(LEVEL_POOLS as readonly string[]).includes(level)
  ) {
    throw notFound('该审定卡片已失效，请发送“/审定”重新获取。');
  }
  return { unitId: unit, quarterKey: quarter, level };
}
