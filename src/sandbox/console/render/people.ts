import type { SandboxDepartment, SandboxOrg, SandboxUser } from '../../org';

/** The sandbox org's roles in the words the bot uses for them (ROLE_LABELS in src/core/org/person.ts). */
export const ROLE_NAMES: Record<string, string> = {
  staff: '工作人员',
  supervisor: '主管领导',
  unit_admin: '考核管理员',
  admin: '公务员局管理员',
};

export const roleNames = (u: SandboxUser): string => u.roles.map((r) => ROLE_NAMES[r] ?? r).join('、');

/** Departments in tree order (a unit, then the units below it), each with its depth. */
export function unitTree(org: SandboxOrg): Array<{ unit: SandboxDepartment; depth: number }> {
  const out: Array<{ unit: SandboxDepartment; depth: number }> = [];
  const ids = new Set(org.departments.map((d) => d.department_id));
  const visit = (parent: string, depth: number, seen: Set<string>) => {
    for (const d of org.departments.filter((x) => x.parent_department_id === parent)) {
      if (seen.has(d.department_id)) continue;
      seen.add(d.department_id);
      out.push({ unit: d, depth });
      visit(d.department_id, depth + 1, seen);
    }
  };
  const seen = new Set<string>();
  for (const top of org.departments.filter((d) => !ids.has(d.parent_department_id))) {
    if (seen.has(top.department_id)) continue;
    seen.add(top.department_id);
    out.push({ unit: top, depth: 0 });
    visit(top.department_id, 1, seen);
  }
  return out;
}

export interface ChatEntry {
  chatId: string;
  name: string;
  /** Who can speak there: the unit's people and those of the units below it; everyone in a chat we know no unit of. */
  members: SandboxUser[];
}

/** Unit group chats, then other chats the bot is in or has written to (e.g. the city chat). */
export function chatList(org: SandboxOrg, seenChatIds: string[]): ChatEntry[] {
  const below = (unitId: string): Set<string> => {
    const ids = new Set([unitId]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const d of org.departments) if (ids.has(d.parent_department_id) && !ids.has(d.department_id)) ids.add(d.department_id), (grew = true);
    }
    return ids;
  };
  const units: ChatEntry[] = unitTree(org)
    .filter(({ unit }) => unit.chat_id)
    .map(({ unit }) => {
      const ids = below(unit.department_id);
      return { chatId: unit.chat_id!, name: `${unit.name}群`, members: org.users.filter((u) => ids.has(u.department_ids[0] ?? '')) };
    });
  const known = new Set(units.map((c) => c.chatId));
  const others = [...new Set([...(org.chats ?? []), ...seenChatIds])].filter((id) => !known.has(id));
  return [...units, ...others.map((id, i) => ({ chatId: id, name: others.length > 1 ? `全市群聊 ${i + 1}` : '全市群聊', members: org.users }))];
}
