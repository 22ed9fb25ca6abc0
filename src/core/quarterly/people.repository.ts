import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { personRowToPerson, type Person } from '../org/person';

type Db = Kysely<Database>;

/** People by open_id, inactive ones included: a person who left still has a name on last quarter's card. */
export async function peopleByOpenId(db: Db, openIds: readonly string[]): Promise<Map<string, Person>> {
  if (openIds.length === 0) return new Map();
  const rows = await db.selectFrom('people').selectAll().where('open_id', 'in', [...new Set(openIds)]).execute();
  return new Map(rows.map((r) => [r.open_id, personRowToPerson(r)]));
}

/**
 * Who determines a unit's quarter and handles its objections: the unit's own 考核管理员, else the
 * city admins. `exclude` keeps a person from handling their own objection.
 */
export async function determinersOf(db: Db, unitId: string, exclude?: string): Promise<Person[]> {
  const rows = await db.selectFrom('people').selectAll().where('active', '=', 1).orderBy('open_id').execute();
  const people = rows.map(personRowToPerson).filter((p) => p.openId !== exclude);
  const unitAdmins = people.filter((p) => p.unitId === unitId && p.roles.includes('unit_admin'));
  return unitAdmins.length > 0 ? unitAdmins : people.filter((p) => p.roles.includes('admin'));
}

export async function unitName(db: Db, unitId: string): Promise<string> {
  const row = await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst();
  return row?.name ?? unitId;
}

export async function unitNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('units').select(['id', 'name']).execute();
  return new Map(rows.map((u) => [u.id, u.name]));
}
