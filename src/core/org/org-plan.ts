import { createHash } from 'node:crypto';
import type { PersonRow, UnitRow } from '../../db/schema';
import type { OrgSnapshot } from './org-snapshot';
import { parseRoles, type Role } from './person';

/** The organisation as stored, all of it (inactive people included: they may come back). */
export interface StoredOrg {
  units: UnitRow[];
  people: PersonRow[];
}

export type UnitValues = Pick<UnitRow, 'name' | 'parent_id' | 'chat_id' | 'active'>;
export type PersonValues = Pick<PersonRow, 'user_id' | 'name' | 'unit_id' | 'leader_open_id' | 'level' | 'roles' | 'active' | 'joined_on' | 'probation_until'>;

/** `before` null: added. A person whose `before.active` is 0 comes back (reactivated, history kept). */
export interface UnitChange {
  id: string;
  before: UnitValues | null;
  after: UnitValues;
}
export interface PersonChange {
  openId: string;
  before: PersonValues | null;
  after: PersonValues;
}

/** The change set of one sync or import, computed before anything is written. */
export interface OrgPlan {
  units: UnitChange[];
  people: PersonChange[];
  deactivate: Array<{ openId: string; name: string; unitId: string }>;
  /** The caller is missing from the source and was kept active. */
  keptCaller: boolean;
  /** Changes the source shows in units outside the run's reach, left alone. */
  outsideReach: number;
  /** Active people in the run's reach before it: what the share of deactivations is of. */
  activeInReach: number;
  /** Same change set, same fingerprint: what a confirmation card carries as its revision. */
  fingerprint: string;
}

export interface PlanOptions {
  /** sync: everyone missing has left; import: only people of the units in the file who are missing from it. */
  deactivate: 'all-missing' | 'missing-in-listed-units';
  /** The units this run may change; null: all of them. */
  reach: ReadonlySet<string> | null;
  /** Never deactivated: the person who runs it. */
  keep: string | null;
}

export function planOrgChange(stored: StoredOrg, snap: OrgSnapshot, opts: PlanOptions): OrgPlan {
  const inReach = (unitId: string | undefined) => !opts.reach || (unitId !== undefined && opts.reach.has(unitId));
  let outsideReach = 0;
  const oldUnits = new Map(stored.units.map((u) => [u.id, u]));
  const units: UnitChange[] = [];
  for (const u of snap.units) {
    const old = oldUnits.get(u.id);
    const after: UnitValues = { name: u.name, parent_id: u.parentId, chat_id: u.chatId ?? old?.chat_id ?? null, active: 1 };
    const before = old ? unitValues(old) : null;
    if (same(before, after)) continue;
    if (inReach(u.id)) units.push({ id: u.id, before, after });
    else outsideReach++;
  }

  const oldPeople = new Map(stored.people.map((p) => [p.open_id, p]));
  const leaders = new Set(snap.people.map((p) => p.leaderOpenId).filter((x): x is string => Boolean(x)));
  const people: PersonChange[] = [];
  for (const p of snap.people) {
    const old = oldPeople.get(p.openId);
    const after: PersonValues = {
      user_id: p.userId ?? old?.user_id ?? null,
      name: p.name,
      unit_id: p.unitId,
      leader_open_id: p.leaderOpenId,
      level: p.level ?? old?.level ?? '一般干部',
      roles: rolesFor(p.roles, old ? parseRoles(old.roles) : null, leaders.has(p.openId)).join(';'),
      active: 1,
      joined_on: p.joinedOn ?? old?.joined_on ?? null,
      probation_until: p.probationUntil !== undefined ? p.probationUntil : (old?.probation_until ?? null),
    };
    const before = old ? personValues(old) : null;
    if (same(before, after)) continue;
    if (inReach(p.unitId) || inReach(old?.unit_id)) people.push({ openId: p.openId, before, after });
    else outsideReach++;
  }

  const present = new Set([...snap.people.map((p) => p.openId), ...(snap.keep ?? [])]);
  const listedUnits = new Set(snap.units.map((u) => u.id));
  const deactivate: OrgPlan['deactivate'] = [];
  let keptCaller = false;
  for (const old of stored.people) {
    if (old.active !== 1 || present.has(old.open_id)) continue;
    if (opts.deactivate === 'missing-in-listed-units' && !listedUnits.has(old.unit_id)) continue;
    if (!inReach(old.unit_id)) outsideReach++;
    else if (old.open_id === opts.keep) keptCaller = true;
    else deactivate.push({ openId: old.open_id, name: old.name, unitId: old.unit_id });
  }
  const activeInReach = stored.people.filter((p) => p.active === 1 && inReach(p.unit_id)).length;
  return { units, people, deactivate, keptCaller, outsideReach, activeInReach, fingerprint: fingerprintOf(units, people, deactivate) };
}

/** A file states roles outright; a sync keeps what admins assigned and adds `supervisor` to anyone who leads someone. */
function rolesFor(given: Role[] | undefined, stored: Role[] | null, leadsSomeone: boolean): Role[] {
  const roles = new Set<Role>(given ?? stored ?? ['staff']);
  if (!given && leadsSomeone) roles.add('supervisor');
  if (roles.size === 0) roles.add('staff');
  return [...roles];
}

const unitValues = (u: UnitRow): UnitValues => ({ name: u.name, parent_id: u.parent_id, chat_id: u.chat_id, active: u.active });

const personValues = (p: PersonRow): PersonValues => ({
  user_id: p.user_id,
  name: p.name,
  unit_id: p.unit_id,
  leader_open_id: p.leader_open_id,
  level: p.level,
  roles: p.roles,
  active: p.active,
  joined_on: p.joined_on,
  probation_until: p.probation_until,
});

const same = (a: object | null, b: object) => a !== null && JSON.stringify(a) === JSON.stringify(b);

function fingerprintOf(units: UnitChange[], people: PersonChange[], deactivate: OrgPlan['deactivate']): string {
  const hash = createHash('sha256');
  for (const u of [...units].sort((a, b) => a.id.localeCompare(b.id))) hash.update(`u|${JSON.stringify(u)}\n`);
  for (const p of [...people].sort((a, b) => a.openId.localeCompare(b.openId))) hash.update(`p|${JSON.stringify(p)}\n`);
  for (const d of [...deactivate].sort((a, b) => a.openId.localeCompare(b.openId))) hash.update(`d|${d.openId}\n`);
  return hash.digest('hex').slice(0, 16);
}
