import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { newId } from '../ids';
import { audit } from '../audit';
import { daysBetween, isValidDate } from '../calendar/periods';
import type { Clock } from '../clock';
import { findPerson } from './people.repository';
import type { LeavePeriod } from './leave';
import { findSameLeave, insertLeave } from './leave.repository';

export const LEAVE_COLUMNS = ['open_id', 'start_date', 'end_date', 'kind', 'note'] as const;
export const DEFAULT_LEAVE_KIND = '请假';
/** Longer spans are almost always a typo in the year; a real one can be entered as two periods. */
const MAX_LEAVE_DAYS = 366;

export type LeaveInput = Omit<LeavePeriod, 'id'>;

/** Checks one leave period; returns the reason it cannot be used, or null. */
export async function leaveProblem(db: Kysely<Database>, l: LeaveInput): Promise<string | null> {
  if (!l.openId) return 'open_id 为空。';
  if (!isValidDate(l.startDate)) return `开始日期“${l.startDate}”无效，应为 YYYY-MM-DD，例如 2026-11-16。`;
  if (!isValidDate(l.endDate)) return `结束日期“${l.endDate}”无效，应为 YYYY-MM-DD，例如 2026-11-20。`;
  if (l.endDate < l.startDate) return `结束日期 ${l.endDate} 早于开始日期 ${l.startDate}。`;
  if (daysBetween(l.startDate, l.endDate) >= MAX_LEAVE_DAYS) return `请假跨度超过 ${MAX_LEAVE_DAYS} 天，请检查年份，或分段登记。`;
  if (l.kind.length > 20) return `请假类型“${l.kind}”过长（不超过 20 字）。`;
  if ((l.note?.length ?? 0) > 200) return '备注不超过 200 字。';
  if (!(await findPerson(db, l.openId))) return `找不到 open_id 为 ${l.openId} 的人员，请先导入组织信息。`;
  return null;
}

/**
 * Records a leave period (audited); the same person, dates and kind again adds nothing, so a
 * re-import is harmless. Returns whether a row was added.
 */
export async function addLeave(db: Kysely<Database>, clock: Clock, actor: string, l: LeaveInput): Promise<boolean> {
  if (await findSameLeave(db, l)) return false;
  const now = clock.now();
  const leave: LeavePeriod = { id: newId('lv'), ...l };
  await insertLeave(db, leave, actor, now);
  await audit(db, now, { actor, action: 'leave.create', entityType: 'leave_period', entityId: leave.id, after: l });
  return true;
}
