import { LEVEL_POOLS } from '../rules/terms';
import { isValidDate } from '../calendar/periods';
import type { Directory } from '../ports';
import { parseRoles, ROLES, type Role } from './person';

/** The whole organisation as a source (contact API or a file) sees it. */
export interface OrgSnapshot {
  units: Array<{ id: string; name: string; parentId: string | null; chatId: string | null }>;
  people: Array<{
    openId: string;
    userId: string | null;
    name: string;
    unitId: string;
    leaderOpenId: string | null;
    /** Absent when the source does not know it (contact sync): the stored value is kept. */
    level?: string;
    roles?: Role[];
    /** YYYY-MM-DD from the org file; absent: keep what is stored (or the day first seen). */
    joinedOn?: string;
    /** YYYY-MM-DD from the org file; '' clears it; absent: keep what is stored. */
    probationUntil?: string | null;
  }>;
}

export const ORG_COLUMNS = ['open_id', 'user_id', 'name', 'unit_id', 'unit_name', 'parent_unit_id', 'leader_open_id', 'level', 'roles', 'unit_chat_id'] as const;
/** Optional columns of the org file (CONTRACT.md). */
export const ORG_OPTIONAL_COLUMNS = ['joined_on', 'probation_until'] as const;

export interface RowError {
  line: number;
  reason: string;
}

/** Validates org-file rows; any error means nothing should be written (unless the caller skips bad rows). */
export function parseOrgRows(rows: Array<{ line: number; values: Record<string, string> }>): { snapshot: OrgSnapshot; errors: RowError[]; goodLines: number } {
  const errors: RowError[] = [];
  const units = new Map<string, OrgSnapshot['units'][number]>();
  const people = new Map<string, OrgSnapshot['people'][number] & { line: number }>();
  for (const { line, values: v } of rows) {
    const problems: string[] = [];
    const openId = v.open_id?.trim() ?? '';
    if (!openId) problems.push('open_id 不能为空');
    if (!v.name?.trim()) problems.push('姓名 name 不能为空');
    if (!v.unit_id?.trim()) problems.push('unit_id 不能为空');
    if (!v.unit_name?.trim()) problems.push('unit_name 不能为空');
    const level = v.level?.trim() || '一般干部';
    if (!(LEVEL_POOLS as readonly string[]).includes(level)) problems.push(`level 应为 ${LEVEL_POOLS.join('/')}，而不是“${level}”`);
    const rawRoles = (v.roles ?? '').split(/[;；]/).map((s) => s.trim()).filter(Boolean);
    const unknown = rawRoles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length) problems.push(`roles 中有未知角色 ${unknown.join('、')}（可用：${ROLES.join(';')}）`);
    if (openId && people.has(openId)) problems.push(`open_id ${openId} 与第 ${people.get(openId)!.line} 行重复`);
    const joinedOn = v.joined_on?.trim() ?? '';
    const probationUntil = v.probation_until?.trim() ?? '';
    if (joinedOn && !isValidDate(joinedOn)) problems.push(`joined_on 应为 YYYY-MM-DD 格式的日期，而不是“${joinedOn}”`);
    if (probationUntil && !isValidDate(probationUntil)) problems.push(`probation_until 应为 YYYY-MM-DD 格式的日期，而不是“${probationUntil}”`);
    if (joinedOn && probationUntil && isValidDate(joinedOn) && isValidDate(probationUntil) && probationUntil < joinedOn) {
      problems.push('probation_until 不能早于 joined_on');
    }
    const unitId = v.unit_id?.trim() ?? '';
    const known = units.get(unitId);
    if (known && v.unit_name?.trim() && known.name !== v.unit_name.trim()) {
      problems.push(`unit_id ${unitId} 的名称与前面的行不一致（“${known.name}” / “${v.unit_name.trim()}”）`);
    }
    if (problems.length) {
      errors.push({ line, reason: problems.join('；') });
      continue;
    }
    if (!known) {
      units.set(unitId, { id: unitId, name: v.unit_name!.trim(), parentId: v.parent_unit_id?.trim() || null, chatId: v.unit_chat_id?.trim() || null });
    } else if (!known.chatId && v.unit_chat_id?.trim()) {
      known.chatId = v.unit_chat_id.trim();
    }
    const roles = parseRoles(rawRoles.join(';'));
    people.set(openId, {
      line,
      openId,
      userId: v.user_id?.trim() || null,
      name: v.name!.trim(),
      unitId,
      leaderOpenId: v.leader_open_id?.trim() || null,
      level,
      roles: roles.length ? roles : ['staff'],
      ...(joinedOn ? { joinedOn } : {}),
      ...('probation_until' in v ? { probationUntil: probationUntil || null } : {}),
    });
  }
  for (const p of people.values()) {
    if (p.leaderOpenId === p.openId) {
      errors.push({ line: p.line, reason: 'leader_open_id 不能是本人' });
    }
  }
  const bad = new Set(errors.map((e) => e.line));
  const good = [...people.values()].filter((p) => !bad.has(p.line));
  return {
    snapshot: { units: [...units.values()], people: good.map(({ line: _line, ...p }) => p) },
    errors: errors.sort((a, b) => a.line - b.line),
    goodLines: good.length,
  };
}

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
