import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { findActiveAdmins } from '../org/people.repository';
import { hasRole, type Person } from '../org/person';

/**
 * Who handles a unit's 学时 matters (approving claims, receiving the checkpoint summary): the unit's
 * 考核管理员, or the organisation's admins when the unit has none. `exclude` keeps a person from
 * deciding their own claim.
 */
export async function creditAdminsFor(db: Kysely<Database>, unitId: string, exclude?: string): Promise<Person[]> {
  return creditAdminsAmong(await findActiveAdmins(db), unitId, exclude);
}

/** creditAdminsFor among admins already read. */
export function creditAdminsAmong(admins: readonly Person[], unitId: string, exclude?: string): Person[] {
  const people = admins.filter((p) => p.openId !== exclude);
  const unitAdmins = people.filter((p) => hasRole(p, 'unit_admin') && p.unitId === unitId);
  return unitAdmins.length > 0 ? unitAdmins : people.filter((p) => hasRole(p, 'admin'));
}
