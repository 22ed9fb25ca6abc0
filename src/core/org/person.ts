import type { PersonRow } from '../../db/schema';
import { shanghaiDate } from '../calendar/periods';

export const ROLES = ['staff', 'supervisor', 'unit_admin', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  staff: '工作人员',
  supervisor: '主管领导',
  unit_admin: '考核管理员',
  admin: '公务员局管理员',
};

export interface Person {
  openId: string;
  userId: string | null;
  name: string;
  unitId: string;
  leaderOpenId: string | null;
  level: string;
  roles: Role[];
  active: boolean;
  promptOptOut: boolean;
  /** When the organisation first knew this person (import or sync). */
  joinedAt: string;
  /** The day they joined (YYYY-MM-DD): the org file's joined_on, else the day of joinedAt. Nothing before it is expected of them. */
  joinedOn: string;
  /** The last day of their probation (试用期), or null. */
  probationUntil: string | null;
}

export function parseRoles(text: string): Role[] {
  const seen = new Set<Role>();
  for (const part of text.split(/[;；,，\s]+/)) {
    const r = part.trim() as Role;
    if ((ROLES as readonly string[]).includes(r)) seen.add(r);
  }
  return ROLES.filter((r) => seen.has(r));
}

export function personRowToPerson(row: PersonRow): Person {
  return {
    openId: row.open_id,
    userId: row.user_id,
    name: row.name,
    unitId: row.unit_id,
    leaderOpenId: row.leader_open_id,
    level: row.level,
    roles: parseRoles(row.roles),
    active: row.active === 1,
    promptOptOut: row.prompt_opt_out === 1,
    joinedAt: row.created_at,
    joinedOn: row.joined_on ?? shanghaiDate(new Date(row.created_at)),
    probationUntil: row.probation_until,
  };
}

export const hasRole = (p: Person | null | undefined, role: Role): boolean => Boolean(p?.roles.includes(role));
export const isAdminOf = (p: Person | null | undefined, unitId: string): boolean =>
  hasRole(p, 'admin') || (hasRole(p, 'unit_admin') && p!.unitId === unitId);
