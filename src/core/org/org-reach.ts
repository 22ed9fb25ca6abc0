import { findCycles } from './cycles';
import type { OrgSnapshot } from './org-snapshot';
import type { OrgPlan, StoredOrg } from './org-plan';
import { hasRole, type Person } from './person';

/**
 * What a run may change and whom it may deactivate without asking. An admin (or the CLI, run by
 * whoever operates the server) reaches every unit; a unit admin only their unit and the units below
 * it, as the stored organisation and the source both place them.
 */
export function reachOf(caller: Person | null, stored: StoredOrg, snap: OrgSnapshot): ReadonlySet<string> | null {
  if (!caller || hasRole(caller, 'admin')) return null;
  return ownUnits(caller, stored, snap);
}

/** The caller's unit and every unit below it; null for the CLI (no caller: all units are its own). */
export function ownUnits(caller: Person | null, stored: StoredOrg, snap: OrgSnapshot): ReadonlySet<string> | null {
  if (!caller) return null;
  const children = new Map<string, Set<string>>();
  const link = (id: string, parent: string | null) => {
    if (!parent) return;
    if (!children.has(parent)) children.set(parent, new Set());
    children.get(parent)!.add(id);
  };
  for (const u of stored.units) link(u.id, u.parent_id);
  for (const u of snap.units) link(u.id, u.parentId);
  const found = new Set<string>([caller.unitId]);
  const queue = [caller.unitId];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      if (!found.has(child)) {
        found.add(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/**
 * The leader cycles the organisation would have after `plan` that pass through someone it changes
 * (with a cycle, two people would grade each other), as lists of names in leading order.
 */
export function leaderCyclesAfter(stored: StoredOrg, plan: OrgPlan): string[][] {
  const gone = new Set(plan.deactivate.map((d) => d.openId));
  const leaderOf = new Map<string, string | null>();
  const nameOf = new Map<string, string>();
  for (const p of stored.people) {
    nameOf.set(p.open_id, p.name);
    if (p.active === 1 && !gone.has(p.open_id)) leaderOf.set(p.open_id, p.leader_open_id);
  }
  for (const c of plan.people) {
    leaderOf.set(c.openId, c.after.leader_open_id);
    nameOf.set(c.openId, c.after.name);
  }
  const changed = new Set(plan.people.map((c) => c.openId));
  return findCycles(changed, (id) => (leaderOf.has(id) ? leaderOf.get(id) : null))
    .filter((cycle) => cycle.some((id) => changed.has(id)))
    .map((cycle) => [...cycle, cycle[0]!].map((id) => nameOf.get(id) ?? id));
}
