import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { audit } from '../audit';
import type { Clock } from '../clock';
import type { OrgSnapshot } from './org-snapshot';
import { parseRoles, type Role } from './person';

export interface ApplyResult {
  unitsAdded: number;
  unitsUpdated: number;
  peopleAdded: number;
  peopleUpdated: number;
  deactivated: number;
}

export interface ApplyOptions {
  source: 'sync' | 'import';
  actor: string;
  /**
   * sync: everyone not in the directory has left; import: only people of the units in the file
   * who are missing from it (a file for one unit does not deactivate the others).
   */
  deactivate: 'all-missing' | 'missing-in-listed-units';
}

/** Idempotent: applying the same snapshot twice changes nothing the second time. History is never deleted. */
export async function applyOrgSnapshot(db: Kysely<Database>, clock: Clock, snap: OrgSnapshot, opts: ApplyOptions): Promise<ApplyResult> {
  const now = clock.now();
  const at = now.toISOString();
  const result: ApplyResult = { unitsAdded: 0, unitsUpdated: 0, peopleAdded: 0, peopleUpdated: 0, deactivated: 0 };
  const leaders = new Set(snap.people.map((p) => p.leaderOpenId).filter((x): x is string => Boolean(x)));

  await db.transaction().execute(async (trx) => {
    const existingUnits = new Map((await trx.selectFrom('units').selectAll().execute()).map((u) => [u.id, u]));
    for (const u of snap.units) {
      const old = existingUnits.get(u.id);
      const next = { name: u.name, parent_id: u.parentId, chat_id: u.chatId ?? old?.chat_id ?? null, active: 1 };
      if (!old) {
        await trx.insertInto('units').values({ id: u.id, ...next, source: opts.source, updated_at: at }).execute();
        result.unitsAdded++;
      } else if (old.name !== next.name || old.parent_id !== next.parent_id || old.chat_id !== next.chat_id || old.active !== 1) {
        await trx.updateTable('units').set({ ...next, updated_at: at }).where('id', '=', u.id).execute();
        result.unitsUpdated++;
      }
    }

    const existing = new Map((await trx.selectFrom('people').selectAll().execute()).map((p) => [p.open_id, p]));
    for (const p of snap.people) {
      const old = existing.get(p.openId);
      const roles = rolesFor(p.roles, old ? parseRoles(old.roles) : null, leaders.has(p.openId));
      const next = {
        user_id: p.userId ?? old?.user_id ?? null,
        name: p.name,
        unit_id: p.unitId,
        leader_open_id: p.leaderOpenId,
        level: p.level ?? old?.level ?? '一般干部',
        roles: roles.join(';'),
        active: 1,
        joined_on: p.joinedOn ?? old?.joined_on ?? null,
        probation_until: p.probationUntil !== undefined ? p.probationUntil : (old?.probation_until ?? null),
      };
      if (!old) {
        await trx.insertInto('people').values({ open_id: p.openId, ...next, prompt_opt_out: 0, source: opts.source, created_at: at, updated_at: at }).execute();
        await audit(trx, now, { actor: opts.actor, action: 'org.person.add', entityType: 'person', entityId: p.openId, after: next });
        result.peopleAdded++;
        continue;
      }
      const before = {
        user_id: old.user_id,
        name: old.name,
        unit_id: old.unit_id,
        leader_open_id: old.leader_open_id,
        level: old.level,
        roles: old.roles,
        active: old.active,
        joined_on: old.joined_on,
        probation_until: old.probation_until,
      };
      if (JSON.stringify(before) !== JSON.stringify(next)) {
        await trx.updateTable('people').set({ ...next, updated_at: at }).where('open_id', '=', p.openId).execute();
        await audit(trx, now, { actor: opts.actor, action: 'org.person.update', entityType: 'person', entityId: p.openId, before, after: next });
        result.peopleUpdated++;
      }
    }

    const present = new Set(snap.people.map((p) => p.openId));
    const listedUnits = new Set(snap.units.map((u) => u.id));
    for (const old of existing.values()) {
      if (old.active !== 1 || present.has(old.open_id)) continue;
      if (opts.deactivate === 'missing-in-listed-units' && !listedUnits.has(old.unit_id)) continue;
      await trx.updateTable('people').set({ active: 0, updated_at: at }).where('open_id', '=', old.open_id).execute();
      await audit(trx, now, { actor: opts.actor, action: 'org.person.deactivate', entityType: 'person', entityId: old.open_id, before: { active: 1 }, after: { active: 0 } });
      result.deactivated++;
    }
  });
  return result;
}

/** A file states roles outright; a sync keeps what admins assigned and adds `supervisor` to anyone who leads someone. */
function rolesFor(given: Role[] | undefined, stored: Role[] | null, leadsSomeone: boolean): Role[] {
  const roles = new Set<Role>(given ?? stored ?? ['staff']);
  if (!given && leadsSomeone) roles.add('supervisor');
  if (roles.size === 0) roles.add('staff');
  return [...roles];
}

export function describeApplyResult(r: ApplyResult): string {
  return `单位新增 ${r.unitsAdded}、更新 ${r.unitsUpdated}；人员新增 ${r.peopleAdded}、更新 ${r.peopleUpdated}、停用 ${r.deactivated}。`;
}
