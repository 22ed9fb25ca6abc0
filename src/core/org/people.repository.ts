import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { inTexts, isPostgres, planOnce } from '../sql-dialect';
import { MEMBER_COLUMNS, memberRowToMember, personRowToPerson, type Member, type Person } from './person';
import { compareText } from '../text-order';
import { readRows } from '../read-together';
import { batchedRead, perDb } from '../batched-calls';
import { compactRows } from '../compact-rows';

type Db = Kysely<Database>;

export async function findPerson(db: Db, openId: string): Promise<Person | null> {
  const row = await db.selectFrom('people').selectAll().where('open_id', '=', openId).modifyEnd(planOnce).executeTakeFirst();
  return row ? personRowToPerson(row) : null;
}

/** Every event's actor: concurrent events' lookups are one read (see batchedRead). */
export const findActor = perDb((db: Db) =>
  batchedRead(async (openIds) => {
    const rows = await db.selectFrom('people').selectAll().where(inTexts(db, 'open_id', openIds)).modifyEnd(planOnce).execute();
    return new Map(rows.map((r) => [r.open_id, personRowToPerson(r)]));
  }),
);

/** Rows of a city-wide read per statement on SQLite (see findActivePeople). */
const PAGE_ROWS = 5_000;

export async function findActivePeople(db: Db, filter: { unitId?: string; unitIds?: readonly string[]; leaderOpenId?: string } = {}): Promise<Person[]> {
  if (filter.unitIds?.length === 0) return [];
  if (!filter.unitId && !filter.unitIds && !filter.leaderOpenId && !isPostgres(db)) return everyActivePerson(db);
  let q = db.selectFrom('people').selectAll().where('active', '=', 1);
  if (filter.unitId) q = q.where('unit_id', '=', filter.unitId);
  if (filter.unitIds) q = q.where(inTexts(db, 'unit_id', filter.unitIds));
  if (filter.leaderOpenId) q = q.where('leader_open_id', '=', filter.leaderOpenId);
  const rows = await q.orderBy('unit_id').orderBy('open_id').execute();
  return rows.map(personRowToPerson);
}

/**
 * The whole city, in findActivePeople's order. On SQLite a statement holds the event loop from
 * start to end (28,000 people: 0.2 s), so they are read a page at a time in key order, the loop
 * turning between pages (see TurnTakingSqliteDialect), and put in unit order here.
 */
async function everyActivePerson(db: Db): Promise<Person[]> {
  const people = await inKeyPages((after) => db.selectFrom('people').selectAll().where('active', '=', 1).where('open_id', '>', after).orderBy('open_id').limit(PAGE_ROWS).execute(), personRowToPerson);
  return inUnitOrder(people);
}

/** findActivePeople with only what a quarter's proposals need (Member): the close reads a whole city's. */
export async function findActiveMembers(db: Db, filter: { unitIds?: readonly string[] } = {}): Promise<Member[]> {
  if (filter.unitIds?.length === 0) return [];
  const active = db.selectFrom('people').select(MEMBER_COLUMNS).where('active', '=', 1);
  if (!filter.unitIds && !isPostgres(db)) {
    return inUnitOrder(await inKeyPages((after) => compactRows(db, active.where('open_id', '>', after).orderBy('open_id').limit(PAGE_ROWS), MEMBER_COLUMNS, ['open_id']), memberRowToMember));
  }
  const rows = await compactRows(db, (filter.unitIds ? active.where(inTexts(db, 'unit_id', filter.unitIds)) : active).orderBy('unit_id').orderBy('open_id'), MEMBER_COLUMNS, ['unit_id', 'open_id']);
  return rows.map(memberRowToMember);
}

/** Every row of a read in open_id order, a page at a time (`page(after)` reads the page after that key), each mapped. */
async function inKeyPages<R extends { open_id: string }, T>(page: (after: string) => Promise<R[]>, map: (row: R) => T): Promise<T[]> {
  const out: T[] = [];
  for (let after = ''; ; ) {
    const rows = await page(after);
    for (const row of rows) out.push(map(row));
    if (rows.length < PAGE_ROWS) return out;
    after = rows[rows.length - 1]!.open_id;
  }
}

const inUnitOrder = <P extends { unitId: string; openId: string }>(people: P[]): P[] => people.sort((a, b) => compareText(a.unitId, b.unitId) || compareText(a.openId, b.openId));

/** Every active person with an admin role (考核管理员 or city admin), by open_id: few, so a job over many units reads them once. */
export async function findActiveAdmins(db: Db): Promise<Person[]> {
  const rows = await db.selectFrom('people').selectAll().where('active', '=', 1).where('roles', 'like', '%admin%').orderBy('open_id').execute();
  return rows.map(personRowToPerson);
}

export async function findPeopleByName(db: Db, name: string): Promise<Person[]> {
  const rows = await db.selectFrom('people').selectAll().where('name', '=', name).where('active', '=', 1).execute();
  return rows.map(personRowToPerson);
}

export async function findUnit(db: Db, unitId: string) {
  return db.selectFrom('units').selectAll().where('id', '=', unitId).executeTakeFirst();
}

/** These units (the few a batch of grading cards names), as a read that can go out with others. */
export function unitsRead(db: Db, unitIds: readonly string[]) {
  return readRows(unitIds.length === 0 ? null : db.selectFrom('units').selectAll().where(inTexts(db, 'id', unitIds)), (rows) => rows);
}

export async function findActiveUnits(db: Db) {
  return db.selectFrom('units').selectAll().where('active', '=', 1).orderBy('id').execute();
}

/** Every person's leader, those who left included (a chain can pass through them). */
export async function leaderLinks(db: Db): Promise<Array<{ openId: string; leaderOpenId: string | null }>> {
  const rows = await db.selectFrom('people').select(['open_id', 'leader_open_id']).execute();
  return rows.map((r) => ({ openId: r.open_id, leaderOpenId: r.leader_open_id }));
}

/** True when `viewer` is in `subject`'s supervisor chain (direct leader, their leader, …). */
export async function isInSupervisorChain(db: Db, viewerOpenId: string, subject: Person): Promise<boolean> {
  let current: string | null = subject.leaderOpenId;
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    if (current === viewerOpenId) return true;
    seen.add(current);
    const next = await db.selectFrom('people').select('leader_open_id').where('open_id', '=', current).executeTakeFirst();
    current = next?.leader_open_id ?? null;
  }
  return false;
}

export async function setPromptOptOut(db: Db, openId: string, optOut: boolean, now: Date): Promise<void> {
  await db
    .updateTable('people')
    .set({ prompt_opt_out: optOut ? 1 : 0, updated_at: now.toISOString() })
    .where('open_id', '=', openId)
    .execute();
}
