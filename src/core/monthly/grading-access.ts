import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { quarterKeyOf, parsePeriodKey } from '../calendar/periods';
import { forbidden, locked } from '../errors';
import { isInSupervisorChain } from '../org/people.repository';
import { hasRole, type Person } from '../org/person';
import { isAnyPoolLocked } from './review.repository';

export const MONTHLY_LOCKED_MESSAGE = '本季度已审定锁定，月度评鉴不能再修改。如有异议请走异议程序。';
const NOT_YOURS = '只有被考核人的主管领导（含上级领导）或本单位考核管理员可以评鉴，您无权操作此卡片。';

/**
 * Who may grade `subject`: anyone in their supervisor chain, or a unit admin of the subject's own
 * unit — never the subject. Checked against the person as they are now, not against anything the
 * card carries, so a forwarded card or a supervisor who has since moved is refused.
 */
export async function canGrade(db: Kysely<Database>, actor: Person | null, subject: Person): Promise<boolean> {
  if (!actor?.active || actor.openId === subject.openId) return false;
  if (hasRole(actor, 'unit_admin') && actor.unitId === subject.unitId) return true;
  return isInSupervisorChain(db, actor.openId, subject);
}

export async function assertCanGrade(db: Kysely<Database>, actor: Person | null, subject: Person): Promise<void> {
  if (!(await canGrade(db, actor, subject))) throw forbidden(NOT_YOURS);
}

export const quarterOfMonth = (monthKey: string): string => quarterKeyOf(parsePeriodKey(monthKey, 'month').start);

/**
 * A month is frozen once its quarter's pool is confirmed. Both the pool the review was filed in
 * and the person's current pool are checked, so moving someone cannot reopen a locked month.
 */
export async function assertMonthOpen(
  db: Kysely<Database>,
  monthKey: string,
  pools: ReadonlyArray<{ unitId: string; level: string }>,
): Promise<void> {
  if (await isAnyPoolLocked(db, quarterOfMonth(monthKey), pools)) throw locked(MONTHLY_LOCKED_MESSAGE);
}
