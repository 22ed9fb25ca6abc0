import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { audit, auditMany } from '../audit';
import { insertRows } from '../insert-rows';
import type { Clock } from '../clock';
import type { ApplyResult } from './org-change';
import { planOrgChange, type OrgPlan } from './org-plan';
import { loadStoredOrg } from './org.repository';
import type { OrgSnapshot } from './org-snapshot';

export interface ApplyOptions {
  source: 'sync' | 'import';
  actor: string;
  /**
   * sync: everyone not in the directory has left; import: only people of the units in the file
   * who are missing from it (a file for one unit does not deactivate the others).
   */
  deactivate: 'all-missing' | 'missing-in-listed-units';
}

/**
 * Writes a snapshot with no preview, reach or confirmation: for seeding an empty database (the
 * sandbox's demo organisation, tests). What people run goes through `changeOrg` (org-change.service.ts).
 * Idempotent; history is never deleted.
 */
export async function applyOrgSnapshot(db: Kysely<Database>, clock: Clock, snap: OrgSnapshot, opts: ApplyOptions): Promise<ApplyResult> {
  return db.transaction().execute(async (trx) => {
    const plan = planOrgChange(await loadStoredOrg(trx), snap, { deactivate: opts.deactivate, reach: null, keep: null });
    return executeOrgPlan(trx, clock.now(), plan, opts);
  });
}

/** Writes a change set inside the caller's transaction, auditing every change to a person. */
export async function executeOrgPlan(trx: Kysely<Database>, now: Date, plan: OrgPlan, opts: Pick<ApplyOptions, 'source' | 'actor'>): Promise<ApplyResult> {
  const at = now.toISOString();
  const result: ApplyResult = { unitsAdded: 0, unitsUpdated: 0, peopleAdded: 0, peopleUpdated: 0, reactivated: 0, deactivated: 0 };
  // New units and people are written together: a city's first import is 28,000 people, which one
  // statement each took 23 s on PostgreSQL.
  const newUnits = plan.units.filter((u) => !u.before);
  await insertRows(trx, 'units', newUnits.map((u) => ({ id: u.id, ...u.after, source: opts.source, updated_at: at })));
  result.unitsAdded = newUnits.length;
  for (const u of plan.units) {
    if (!u.before) continue;
    await trx.updateTable('units').set({ ...u.after, updated_at: at }).where('id', '=', u.id).execute();
    result.unitsUpdated++;
  }
  const newPeople = plan.people.filter((p) => !p.before);
  await insertRows(trx, 'people', newPeople.map((p) => ({ open_id: p.openId, ...p.after, prompt_opt_out: 0, source: opts.source, created_at: at, updated_at: at })));
  await auditMany(trx, now, newPeople.map((p) => ({ actor: opts.actor, action: 'org.person.add', entityType: 'person', entityId: p.openId, after: p.after })));
  result.peopleAdded = newPeople.length;
  for (const p of plan.people) {
    if (!p.before) continue;
    const entity = { entityType: 'person', entityId: p.openId };
    await trx.updateTable('people').set({ ...p.after, updated_at: at }).where('open_id', '=', p.openId).execute();
    const back = p.before.active !== 1;
    await audit(trx, now, { actor: opts.actor, action: back ? 'org.person.reactivate' : 'org.person.update', ...entity, before: p.before, after: p.after });
    if (back) result.reactivated++;
    else result.peopleUpdated++;
  }
  for (const d of plan.deactivate) {
    await trx.updateTable('people').set({ active: 0, updated_at: at }).where('open_id', '=', d.openId).execute();
    await audit(trx, now, { actor: opts.actor, action: 'org.person.deactivate', entityType: 'person', entityId: d.openId, before: { active: 1 }, after: { active: 0 } });
    result.deactivated++;
  }
  return result;
}
