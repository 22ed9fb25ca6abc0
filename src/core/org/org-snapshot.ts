import { LEVEL_POOLS } from '../rules/terms';
import { isValidDate } from '../calendar/periods';
import { NO_STORED_ORG, referenceProblems, type StoredOrgRefs } from './org-integrity';
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
  /** People the source names but whose rows were skipped as bad: not missing, so never deactivated. */
  keep?: string[];
}

export const ORG_COLUMNS = ['open_id', 'user_id', 'name', 'unit_id', 'unit_name', 'parent_unit_id', 'leader_open_id', 'level', 'roles', 'unit_chat_id'] as const;
/** Optional columns of the org file (CONTRACT.md). */
export const ORG_OPTIONAL_COLUMNS = ['joined_on', 'probation_until'] as const;

export interface RowError {
  line: number;
  reason: string;
}

/**
 * Validates org-file rows against each other and the stored organisation (`stored`: leaders and
 * parent units may be named from there). Any error means nothing should be written, unless the
 * caller skips bad rows; people whose rows are bad are then kept as stored, never deactivated.
 */
export function parseOrgRows(
  rows: Array<{ line: number; values: Record<string, string> }>,
  stored: StoredOrgRefs = NO_STORED_ORG,
): { snapshot: OrgSnapshot; errors: RowError[]; goodLines: number } {
  const errors = new Map<number, string>();
  const parsed: ParsedRow[] = [];
  const firstOf = new Map<string, ParsedRow>();
  const unitRow = new Map<string, ParsedRow>();
  for (const { line, values } of rows) {
    const row = parseRow(line, values);
    const problems = row.problems;
    const earlier = firstOf.get(row.person.openId);
    if (row.person.openId && earlier) problems.push(`open_id ${row.person.openId} 与第 ${earlier.line} 行重复`);
    const sameUnit = unitRow.get(row.unit.id);
    if (sameUnit && row.unit.name && sameUnit.unit.name !== row.unit.name) {
      problems.push(`unit_id ${row.unit.id} 的名称与前面的行不一致（“${sameUnit.unit.name}” / “${row.unit.name}”）`);
    }
    if (sameUnit && sameUnit.unit.parentId !== row.unit.parentId) {
      problems.push(`unit_id ${row.unit.id} 的 parent_unit_id 与第 ${sameUnit.line} 行不一致（“${sameUnit.unit.parentId ?? ''}” / “${row.unit.parentId ?? ''}”）`);
    }
    if (row.person.openId && !earlier) firstOf.set(row.person.openId, row);
    if (problems.length) errors.set(line, problems.join('；'));
    else if (!sameUnit) unitRow.set(row.unit.id, row);
    parsed.push(row);
  }
  const candidates = parsed.filter((r) => r.person.openId && firstOf.get(r.person.openId) === r);
  const fileRows = candidates.map((r) => ({ line: r.line, openId: r.person.openId, name: r.person.name, unitId: r.unit.id, parentUnitId: r.unit.parentId, leaderOpenId: r.person.leaderOpenId }));
  for (const [line, reason] of referenceProblems(fileRows, new Set(errors.keys()), stored)) errors.set(line, reason);

  const good = parsed.filter((r) => !errors.has(r.line));
  const units = new Map<string, OrgSnapshot['units'][number]>();
  for (const { unit } of good) {
    const known = units.get(unit.id);
    if (!known) units.set(unit.id, { ...unit });
    else if (!known.chatId && unit.chatId) known.chatId = unit.chatId;
  }
  const goodIds = new Set(good.map((r) => r.person.openId));
  const keep = [...new Set(parsed.map((r) => r.person.openId).filter((id) => id && !goodIds.has(id)))];
  return {
    snapshot: { units: [...units.values()], people: good.map((r) => r.person), ...(keep.length ? { keep } : {}) },
    errors: [...errors].map(([line, reason]) => ({ line, reason })).sort((a, b) => a.line - b.line),
    goodLines: good.length,
  };
}

interface ParsedRow {
  line: number;
  problems: string[];
  unit: OrgSnapshot['units'][number];
  person: OrgSnapshot['people'][number];
}

/** One row's own checks; what it says of its unit and person, as far as it could be read. */
function parseRow(line: number, v: Record<string, string>): ParsedRow {
  const problems: string[] = [];
  const text = (key: string) => v[key]?.trim() ?? '';
  const openId = text('open_id');
  if (!openId) problems.push('open_id 不能为空');
  if (!text('name')) problems.push('姓名 name 不能为空');
  if (!text('unit_id')) problems.push('unit_id 不能为空');
  if (!text('unit_name')) problems.push('unit_name 不能为空');
  const level = text('level') || '一般干部';
  if (!(LEVEL_POOLS as readonly string[]).includes(level)) problems.push(`level 应为 ${LEVEL_POOLS.join('/')}，而不是“${level}”`);
  const rawRoles = text('roles').split(/[;；]/).map((s) => s.trim()).filter(Boolean);
  const unknown = rawRoles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) problems.push(`roles 中有未知角色 ${unknown.join('、')}（可用：${ROLES.join(';')}）`);
  const joinedOn = text('joined_on');
  const probationUntil = text('probation_until');
  if (joinedOn && !isValidDate(joinedOn)) problems.push(`joined_on 应为 YYYY-MM-DD 格式的日期，而不是“${joinedOn}”`);
  if (probationUntil && !isValidDate(probationUntil)) problems.push(`probation_until 应为 YYYY-MM-DD 格式的日期，而不是“${probationUntil}”`);
  if (joinedOn && probationUntil && isValidDate(joinedOn) && isValidDate(probationUntil) && probationUntil < joinedOn) {
    problems.push('probation_until 不能早于 joined_on');
  }
  const roles = parseRoles(rawRoles.join(';'));
  return {
    line,
    problems,
    unit: { id: text('unit_id'), name: text('unit_name'), parentId: text('parent_unit_id') || null, chatId: text('unit_chat_id') || null },
    person: {
      openId,
      userId: text('user_id') || null,
      name: text('name'),
      unitId: text('unit_id'),
      leaderOpenId: text('leader_open_id') || null,
      level,
      roles: roles.length ? roles : ['staff'],
      ...(joinedOn ? { joinedOn } : {}),
      ...('probation_until' in v ? { probationUntil: probationUntil || null } : {}),
    },
  };
}
