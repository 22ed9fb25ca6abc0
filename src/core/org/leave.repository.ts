import type { Kysely } from 'kysely';
import type { Database, LeavePeriodRow } from '../../db/schema';
import { inTexts } from '../sql-dialect';
import type { LeavePeriod } from './leave';
import { readChunked, type Read } from '../read-together';

type Db = Kysely<Database>;

const toLeave = (r: LeavePeriodRow): LeavePeriod => ({
  id: r.id,
  openId: r.open_id,
  startDate: r.start_date,
  endDate: r.end_date,
  kind: r.kind,
  note: r.note,
});

const overlapping = (db: Db, start: string, end: string) => db.selectFrom('leave_periods').selectAll().where('start_date', '<=', end).where('end_date', '>=', start);

/** These people's leave overlapping [start, end], in no particular order, a thousand people at a time. */
export function leavesOverlappingRead(db: Db, start: string, end: string, openIds: readonly string[]): Read<LeavePeriod[]> {
  return readChunked(
    openIds,
    1000,
    (chunk) => overlapping(db, start, end).where(inTexts(db, 'open_id', chunk)),
    (rows) => rows.map(toLeave),
  );
}

/** Leave periods overlapping [start, end]: everyone's, one person's, or these people's. */
export async function findLeavesOverlapping(db: Db, start: string, end: string, who?: string | readonly string[]): Promise<LeavePeriod[]> {
  if (Array.isArray(who) && who.length === 0) return [];
  let q = overlapping(db, start, end);
  if (typeof who === 'string') q = q.where('open_id', '=', who);
  else if (who) q = q.where(inTexts(db, 'open_id', who));
  const rows = await q.orderBy('open_id').orderBy('start_date').execute();
  return rows.map(toLeave);
}

export async function findSameLeave(db: Db, l: Omit<LeavePeriod, 'id' | 'note'>): Promise<LeavePeriod | null> {
  const row = await db
    .selectFrom('leave_periods')
    .selectAll()
    .where('open_id', '=', l.openId)
    .where('start_date', '=', l.startDate)
    .where('end_date', '=', l.endDate)
    .where('kind', '=', l.kind)
    .executeTakeFirst();
  return row ? toLeave(row) : null;
}

export async function insertLeave(db: Db, l: LeavePeriod, createdBy: string, at: Date): Promise<void> {
  await db
    .insertInto('leave_periods')
    .values({
      id: l.id,
      open_id: l.openId,
      start_date: l.startDate,
      end_date: l.endDate,
      kind: l.kind,
      note: l.note,
      created_by: createdBy,
      created_at: at.toISOString(),
    })
    .execute();
}
