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
    joinedOn: joinedOnOf(row),
    probationUntil: row.probation_until,
  };
}

/** What a quarter's proposals need of a person: six columns of people's fourteen, read for a whole city. */
export type Member = Pick<Person, 'openId' | 'unitId' | 'level' | 'joinedOn' | 'probationUntil'>;

export const MEMBER_COLUMNS = ['open_id', 'unit_id', 'level', 'joined_on', 'created_at', 'probation_until'] as const;

export function memberRowToMember(row: Pick<PersonRow, (typeof MEMBER_COLUMNS)[number]>): Member {
  return {
    openId: row.open_id,
    unitId: row.unit_id,
    level: row.level,
    joinedOn: joinedOnOf(row),
    probationUntil: row.probation_until,
  };
}

const joinedOnOf = (row: Pick<PersonRow, 'joined_on' | 'created_at'>) => row.joined_on ?? shanghaiDate(new Date(row.created_at));

export const hasRole = (p: Person | null | undefined, role: Role): boolean => Boolean(p?.roles.includes(role));
export const isAdminOf = (p: Person | null | undefined, unitId: string): boolean =>
  hasRole(p, 'admin') || (hasRole(p, 'unit_admin') && p!.unitId === unitId);
