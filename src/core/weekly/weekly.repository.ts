import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { inTexts } from '../sql-dialect';
import { weeklyLogRowToLog, type WeeklyLog } from './weekly-log';
import { readInChunks } from '../in-chunks';
import { readChunked, readRows, runRead, type Read } from '../read-together';

type Db = Kysely<Database>;

export async function findLog(db: Db, openId: string, weekKey: string): Promise<WeeklyLog | null> {
  const row = await db.selectFrom('weekly_logs').selectAll().where('open_id', '=', openId).where('week_key', '=', weekKey).executeTakeFirst();
  return row ? weeklyLogRowToLog(row) : null;
}

export async function findLogById(db: Db, id: string): Promise<WeeklyLog | null> {
  const row = await db.selectFrom('weekly_logs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? weeklyLogRowToLog(row) : null;
}

/** The week's logs; of these people only, when given (a team's, not the city's 28,000 with their text). */
export async function findLogsOfWeek(db: Db, weekKey: string, openIds?: readonly string[]): Promise<WeeklyLog[]> {
  if (openIds?.length === 0) return [];
  let q = db.selectFrom('weekly_logs').selectAll().where('week_key', '=', weekKey);
  if (openIds) q = q.where(inTexts(db, 'open_id', openIds));
  const rows = await q.orderBy('open_id').execute();
  return rows.map(weeklyLogRowToLog);
}

/** These people's logs of the week, by open_id, read a thousand people at a time (a city's weekly prompt). */
export async function logsOfPeopleInWeek(db: Db, weekKey: string, openIds: readonly string[]): Promise<Map<string, WeeklyLog>> {
  const logs = await readInChunks(openIds, 1000, (chunk) => findLogsOfWeek(db, weekKey, chunk));
  return new Map(logs.map((l) => [l.openId, l]));
}

/** These people's logs of these weeks, read a thousand people at a time (a month's grading cards for the city). */
export function findLogsOfPeople(db: Db, openIds: readonly string[], weekKeys: readonly string[]): Promise<WeeklyLog[]> {
  return runRead(db, logsOfPeopleRead(db, openIds, weekKeys));
}

/** These people's records of these weeks, in no particular order, read a thousand people at a time. */
export function logsOfPeopleRead(db: Db, openIds: readonly string[], weekKeys: readonly string[]): Read<WeeklyLog[]> {
  if (weekKeys.length === 0) return readRows(null, () => []);
  return readChunked(
    openIds,
    1000,
    (chunk) => db.selectFrom('weekly_logs').selectAll().where(inTexts(db, 'open_id', chunk)).where('week_key', 'in', [...weekKeys]),
    (rows) => rows.map(weeklyLogRowToLog),
  );
}

export async function insertLog(db: Db, log: WeeklyLog): Promise<void> {
  await db
    .insertInto('weekly_logs')
    .values({
      id: log.id,
      open_id: log.openId,
      week_key: log.weekKey,
      done: log.done,
      plan: log.plan,
      bonus_claim: log.bonusClaim,
      status: log.state,
      late: log.late ? 1 : 0,
      revision: log.revision,
      submitted_at: log.submittedAt,
      updated_at: log.updatedAt,
      reviewer_open_id: log.reviewerOpenId,
      review_comment: log.reviewComment,
      reviewed_at: log.reviewedAt,
    })
    .execute();
}

/**
 * Writes `next` only if the stored record is still at `expectedRevision` and `expectedState`: two amendments or an
 * amendment racing a confirmation cannot both win. Returns whether the row was written.
 */
export async function updateLogIfRevision(db: Db, next: WeeklyLog, expectedRevision: number, expectedState: WeeklyLog['state']): Promise<boolean> {
  const res = await db
    .updateTable('weekly_logs')
    .set({
      done: next.done,
      plan: next.plan,
      bonus_claim: next.bonusClaim,
      status: next.state,
      revision: next.revision,
      updated_at: next.updatedAt,
      reviewer_open_id: next.reviewerOpenId,
      review_comment: next.reviewComment,
      reviewed_at: next.reviewedAt,
    })
    .where('id', '=', next.id)
    .where('revision', '=', expectedRevision)
    .where('status', '=', expectedState)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
