import type { Directory } from '../ports';
import type { OrgSnapshot } from './org-snapshot';

/** Departments become units; a person's supervisor is their `leader_user_id`, else their department's leader. */
export async function snapshotFromDirectory(dir: Directory): Promise<OrgSnapshot> {
  const departments = await dir.departments();
  const byId = new Map(departments.map((d) => [d.id, d]));
  const people = new Map<string, OrgSnapshot['people'][number]>();
  for (const d of departments) {
    for (const u of await dir.usersIn(d.id)) {
      if (people.has(u.openId)) continue;
      const unitId = u.departmentIds.find((id) => byId.has(id)) ?? d.id;
      people.set(u.openId, { openId: u.openId, userId: u.userId, name: u.name, unitId, leaderOpenId: u.leaderOpenId ?? departmentLeaderFor(u.openId, unitId, byId) });
    }
  }
  return {
    units: departments.map((d) => ({ id: d.id, name: d.name, parentId: d.parentId, chatId: d.chatId })),
    people: [...people.values()],
  };
}

function departmentLeaderFor(openId: string, unitId: string, byId: Map<string, { leaderOpenId: string | null; parentId: string | null }>): string | null {
  let current = byId.get(unitId);
  const seen = new Set<string>();
  while (current) {
    if (current.leaderOpenId && current.leaderOpenId !== openId) return current.leaderOpenId;
    if (!current.parentId || seen.has(current.parentId)) return null;
    seen.add(current.parentId);
    current = byId.get(current.parentId);
  }
  return null;
}
