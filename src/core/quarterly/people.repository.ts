import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { findActiveAdmins } from '../org/people.repository';
import { hasRole, personRowToPerson, type Member, type Person } from '../org/person';
import { inTexts } from '../sql-dialect';
import { organOf, type UnitIndex } from './scope';
import { readInChunks } from '../in-chunks';

type Db = Kysely<Database>;

/** People by open_id, inactive ones included: a person who left still has a name on last quarter's card. */
/** `known`: people already read (a job over the whole city); only the others are read. */
export async function peopleByOpenId<P extends Member = Person>(db: Db, openIds: readonly string[], known?: ReadonlyMap<string, P>): Promise<Map<string, P | Person>> {
  const out = new Map<string, P | Person>();
  const missing = [...new Set(openIds)].filter((id) => {
    const person = known?.get(id);
    if (person) out.set(id, person);
    return !person;
  });
  // In chunks: a job over the city can ask for more people than one statement may bind.
  const rows = await readInChunks(missing, CHUNK, (chunk) => db.selectFrom('people').selectAll().where(inTexts(db, 'open_id', chunk)).execute());
  for (const r of rows) out.set(r.open_id, personRowToPerson(r));
  return out;
}

const CHUNK = 1000;

/**
 * Whether `actor` may determine the quarter of a scope (an organ, or one of its 处室) and handle
 * its objections: a 考核管理员 of the same organ, or a city admin.
 */
export function isDeterminerOf(actor: Person | null | undefined, scopeId: string, units: UnitIndex): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'admin')) return true;
  return hasRole(actor, 'unit_admin') && organOf(actor.unitId, units) === organOf(scopeId, units);
}

/**
 * Who determines a scope's quarter and handles its objections: the organ's 考核管理员 (a
 * unit_admin anywhere in it), else the city admins. `exclude` keeps a person from handling their
 * own objection.
 */
export async function determinersOf(db: Db, scopeId: string, units: UnitIndex, exclude?: string): Promise<Person[]> {
  return determinersAmong(await findActiveAdmins(db), scopeId, units, exclude);
}

/** The scope's determiners among the active admins: the organ's 考核管理员, else the city admins. */
export function determinersAmong(admins: readonly Person[], scopeId: string, units: UnitIndex, exclude?: string): Person[] {
  const people = admins.filter((p) => p.openId !== exclude);
  const organ = organOf(scopeId, units);
  const unitAdmins = people.filter((p) => hasRole(p, 'unit_admin') && organOf(p.unitId, units) === organ);
  return unitAdmins.length > 0 ? unitAdmins : people.filter((p) => hasRole(p, 'admin'));
}

/**
 * Who may give the second confirmation of a pool that contains `signer`'s own result: the organ's
 * other 考核管理员 and the city admins.
 */
export async function countersignersOf(db: Db, scopeId: string, units: UnitIndex, signer: string): Promise<Person[]> {
  const organ = organOf(scopeId, units);
  return (await findActiveAdmins(db)).filter(
    (p) => p.openId !== signer && (hasRole(p, 'admin') || (hasRole(p, 'unit_admin') && organOf(p.unitId, units) === organ)),
  );
}

export async function unitName(db: Db, unitId: string): Promise<string> {
  const row = await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst();
  return row?.name ?? unitId;
}

export async function unitNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('units').select(['id', 'name']).execute();
  return new Map(rows.map((u) => [u.id, u.name]));
}
