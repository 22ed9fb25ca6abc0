import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { newId } from '../ids';
import type { StoredOrgRefs } from './org-integrity';
import type { StoredOrg } from './org-plan';
import type { OrgSnapshot } from './org-snapshot';

type Db = Kysely<Database>;

export async function loadStoredOrg(db: Db): Promise<StoredOrg> {
  const units = await db.selectFrom('units').selectAll().orderBy('id').execute();
  const people = await db.selectFrom('people').selectAll().orderBy('open_id').execute();
  return { units, people };
}

/** What an org file may refer to besides its own rows. */
export async function loadStoredRefs(db: Db): Promise<StoredOrgRefs> {
  const { units, people } = await loadStoredOrg(db);
  return {
    units: new Map(units.map((u) => [u.id, { parentId: u.parent_id }])),
    people: new Map(people.map((p) => [p.open_id, { name: p.name, unitId: p.unit_id, leaderOpenId: p.leader_open_id, active: p.active === 1 }])),
  };
}

export interface OrgChangeHold {
  id: string;
  actor: string;
  source: 'sync' | 'import';
  snapshot: OrgSnapshot;
  fingerprint: string;
  status: 'pending' | 'applied';
  createdAt: string;
}

export async function insertHold(db: Db, hold: Omit<OrgChangeHold, 'id' | 'status'>): Promise<string> {
  const id = newId('och');
  await db
    .insertInto('org_change_holds')
    .values({ id, actor: hold.actor, source: hold.source, snapshot: JSON.stringify(hold.snapshot), fingerprint: hold.fingerprint, status: 'pending', created_at: hold.createdAt, applied_at: null })
    .execute();
  return id;
}

export async function findHold(db: Db, id: string): Promise<OrgChangeHold | null> {
  const row = await db.selectFrom('org_change_holds').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    actor: row.actor,
    source: row.source === 'import' ? 'import' : 'sync',
    snapshot: JSON.parse(row.snapshot) as OrgSnapshot,
    fingerprint: row.fingerprint,
    status: row.status === 'applied' ? 'applied' : 'pending',
    createdAt: row.created_at,
  };
}

/** Claims a pending hold for applying; false when it was applied already (a double click, two tabs). */
export async function markHoldApplied(db: Db, id: string, at: Date): Promise<boolean> {
  const res = await db.updateTable('org_change_holds').set({ status: 'applied', applied_at: at.toISOString() }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Holds are working data (the audit log keeps what was applied): drop those older than `before`. */
export async function deleteHoldsBefore(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('org_change_holds').where('created_at', '<', before.toISOString()).execute();
}
