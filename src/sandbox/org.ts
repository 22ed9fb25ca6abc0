import { stableHex, unionIdFor } from './ids';

/** Plain data describing the tenant's contacts; tests build their own with `buildOrg`. */
export type SandboxLevel = '正职' | '副职' | '一般干部';
export type SandboxRole = 'staff' | 'supervisor' | 'unit_admin' | 'admin';

export interface SandboxUser {
  open_id: string;
  user_id: string;
  union_id: string;
  name: string;
  department_ids: string[]; // custom department_id values; the first is the person's unit
  leader_user_id: string; // the supervisor's open_id, '' for none
  job_title: string;
  // sandbox-only: what the org-import CSV carries but Lark contacts do not
  level: SandboxLevel;
  roles: SandboxRole[];
}

export interface SandboxDepartment {
  department_id: string;
  open_department_id: string;
  name: string;
  parent_department_id: string; // '0' = directly under the tenant root
  leader_user_id: string; // open_id, '' for none
  chat_id?: string;
}

export interface SandboxOrg {
  tenantKey?: string;
  /** The organisation's name: Lark's root department 0. */
  name?: string;
  departments: SandboxDepartment[];
  users: SandboxUser[];
  /** Group chats the bot is in besides the departments' chats. */
  chats?: string[];
  /** The org file's joined_on for everyone (YYYY-MM-DD); absent: the day the file is imported. */
  joinedOn?: string;
}

export interface PersonSpec {
  name: string;
  userId?: string;
  openId?: string;
  jobTitle?: string;
  level?: SandboxLevel;
  roles?: SandboxRole[];
}

export interface UnitSpec {
  id: string;
  name: string;
  chatId?: string;
  parentId?: string;
  leader?: PersonSpec;
  staff?: PersonSpec[];
}

export interface OrgSpec {
  tenantKey?: string;
  name?: string;
  /** People directly in Lark's root department 0 (often the bureau's leaders); the first leads the others. */
  rootPeople?: PersonSpec[];
  /** Optional parent organ (e.g. the 局); units without parentId hang under it. */
  root?: UnitSpec;
  units: UnitSpec[];
  chats?: string[];
  /** Everyone joined on this day (the org file's joined_on); absent: the day the file is imported. */
  joinedOn?: string;
}

export const openIdForUserId = (userId: string): string => `ou_${stableHex(`user:${userId}`)}`;
export const openDepartmentIdFor = (departmentId: string): string => `od-${stableHex(`dept:${departmentId}`)}`;

export function buildOrg(spec: OrgSpec): SandboxOrg {
  const departments: SandboxDepartment[] = [];
  const users: SandboxUser[] = [];
  let counter = 0;
  const person = (p: PersonSpec, unitId: string, leaderOpenId: string, isLeader: boolean): SandboxUser => {
    const userId = p.userId ?? `u${String(++counter).padStart(3, '0')}${stableHex(`uid:${unitId}:${p.name}`, 5)}`;
    const openId = p.openId ?? openIdForUserId(userId);
    return {
      open_id: openId,
      user_id: userId,
      union_id: unionIdFor(openId),
      name: p.name,
      department_ids: [unitId],
      leader_user_id: leaderOpenId,
      job_title: p.jobTitle ?? (isLeader ? '负责人' : '科员'),
      level: p.level ?? (isLeader ? '正职' : '一般干部'),
      roles: p.roles ?? (isLeader ? ['staff', 'supervisor'] : ['staff']),
    };
  };
  let rootChief = '';
  const addUnit = (u: UnitSpec, parentId: string): void => {
    const parentLeader = departments.find((d) => d.department_id === parentId)?.leader_user_id ?? (parentId === '0' ? rootChief : '');
    const leader = u.leader ? person(u.leader, u.id, parentLeader, true) : undefined;
    departments.push({
      department_id: u.id,
      open_department_id: openDepartmentIdFor(u.id),
      name: u.name,
      parent_department_id: parentId,
      leader_user_id: leader?.open_id ?? '',
      ...(u.chatId ? { chat_id: u.chatId } : {}),
    });
    if (leader) users.push(leader);
    for (const s of u.staff ?? []) users.push(person(s, u.id, leader?.open_id ?? parentLeader, false));
  };
  const [chief, ...deputies] = spec.rootPeople ?? [];
  if (chief) {
    const head = person(chief, '0', '', true);
    users.push(head, ...deputies.map((p) => person(p, '0', head.open_id, true)));
    rootChief = head.open_id;
  }
  if (spec.root) addUnit(spec.root, spec.root.parentId ?? '0');
  for (const u of spec.units) addUnit(u, u.parentId ?? spec.root?.id ?? '0');
  return { tenantKey: spec.tenantKey, name: spec.name, departments, users, chats: spec.chats, ...(spec.joinedOn ? { joinedOn: spec.joinedOn } : {}) };
}

const CSV_HEADER = 'open_id,user_id,name,unit_id,unit_name,parent_unit_id,leader_open_id,level,roles,unit_chat_id';

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The org-import CSV (CONTRACT.md) for the same people; a top-level unit's parent is written as ''. */
export function orgToCsv(org: SandboxOrg): string {
  const rows = [org.joinedOn ? `${CSV_HEADER},joined_on` : CSV_HEADER];
  for (const u of org.users) {
    const unitId = u.department_ids[0] ?? '';
    const dept = org.departments.find((d) => d.department_id === unitId);
    const parent = dept?.parent_department_id ?? '';
    rows.push(
      [
        u.open_id,
        u.user_id,
        u.name,
        unitId,
        dept?.name ?? '',
        parent === '0' ? '' : parent,
        u.leader_user_id,
        u.level,
        u.roles.join(';'),
        dept?.chat_id ?? '',
        ...(org.joinedOn ? [org.joinedOn] : []),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return rows.join('\n') + '\n';
}

/** Every chat the bot is a member of: department chats plus extra ones. */
export function orgChats(org: SandboxOrg): string[] {
  const ids = org.departments.flatMap((d) => (d.chat_id ? [d.chat_id] : []));
  return [...new Set([...ids, ...(org.chats ?? [])])];
}

type UserKey = 'open_id' | 'user_id' | 'union_id';
const userIndexes = new WeakMap<SandboxUser[], Map<UserKey, Map<string, number>>>();

/**
 * The user with this open_id (user_id, union_id), by an index of the org's users instead of a scan
 * of them all on every call (28,000 users in the benchmarks). Tests change the org as they go, so a
 * hit is checked against the array and the index is rebuilt when it no longer matches.
 */
export function findUserBy(org: SandboxOrg, field: UserKey, id: string): SandboxUser | undefined {
  const users = org.users;
  let byField = userIndexes.get(users);
  if (!byField) userIndexes.set(users, (byField = new Map()));
  const lookup = () => {
    let index = byField.get(field);
    if (!index) {
      index = new Map();
      users.forEach((u, i) => index!.has(u[field]) || index!.set(u[field], i));
      byField.set(field, index);
    }
    const i = index.get(id);
    return i === undefined ? undefined : users[i];
  };
  const hit = lookup();
  if (hit && hit[field] === id) return hit;
  // Missed or stale: rebuild from the users as they are now, then answer from that.
  byField.delete(field);
  const fresh = lookup();
  return fresh?.[field] === id ? fresh : undefined;
}
