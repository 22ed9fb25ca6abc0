import { apiError, LarkCodes } from './errors';
import { findUserBy, type SandboxDepartment, type SandboxOrg, type SandboxUser } from './org';
import type { ContactScope } from './sandbox-options';

/** Contact API reads (departments/:id/children, users/find_by_department) over a SandboxOrg. */
type Query = URLSearchParams;

const DEFAULT_PAGE = 10;
const MAX_PAGE = 50;

interface Page<T> {
  items: T[];
  has_more: boolean;
  page_token?: string;
}

function paginate<T>(all: T[], q: Query): Page<T> {
  const raw = Number(q.get('page_size') ?? DEFAULT_PAGE);
  // Out-of-range sizes are clamped rather than rejected: the max of 50 is not confirmed for every API.
  const size = Number.isFinite(raw) && raw > 0 ? Math.min(Math.floor(raw), MAX_PAGE) : DEFAULT_PAGE;
  const token = q.get('page_token');
  let offset = 0;
  if (token) {
    const decoded = Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^off:/, ''));
    if (!Number.isInteger(decoded) || decoded < 0) throw apiError(400, LarkCodes.fieldValidation, 'page_token is invalid');
    offset = decoded;
  }
  const items = all.slice(offset, offset + size);
  const next = offset + size;
  const has_more = next < all.length;
  return has_more ? { items, has_more, page_token: Buffer.from(`off:${next}`).toString('base64url') } : { items, has_more };
}

/** Lark's default department_id_type is open_department_id. */
const deptIdType = (q: Query): string => q.get('department_id_type') ?? 'open_department_id';

function deptIdOf(d: SandboxDepartment, type: string): string {
  return type === 'department_id' ? d.department_id : d.open_department_id;
}

function findDept(org: SandboxOrg, id: string, type: string): SandboxDepartment | undefined {
  return org.departments.find((d) => deptIdOf(d, type) === id);
}

function externalDeptId(org: SandboxOrg, id: string, type: string): string {
  if (id === '0' || id === '') return id;
  const d = org.departments.find((x) => x.department_id === id);
  return d ? deptIdOf(d, type) : id;
}

function externalUserId(org: SandboxOrg, openId: string, type: string): string {
  if (!openId || type === 'open_id') return openId;
  const u = findUserBy(org, 'open_id', openId);
  if (!u) return '';
  return type === 'user_id' ? u.user_id : u.union_id;
}

function checkUserIdType(q: Query): string {
  const t = q.get('user_id_type') ?? 'open_id';
  if (!['open_id', 'user_id', 'union_id'].includes(t)) throw apiError(400, LarkCodes.fieldValidation, 'user_id_type is invalid');
  return t;
}

/**
 * Field scopes of the user object: without the scope the field is not returned ("仅当开启对应的权限后才会返回").
 * The name/base mapping is documented; department and leader under contact:user.department:readonly is our reading.
 */
export const FIELD_SCOPES: Record<string, string[]> = {
  'contact:user.base:readonly': ['name', 'en_name'],
  'contact:user.department:readonly': ['department_ids', 'leader_user_id'],
  'contact:user.employee_id:readonly': ['user_id'],
  'contact:user.employee:readonly': ['job_title'],
};

function inRange(org: SandboxOrg, scope: ContactScope, deptId: string): boolean {
  if (scope.allMembers ?? true) return true;
  const allowed = new Set(scope.departments ?? []);
  let current: string | undefined = deptId;
  for (let guard = 0; current && current !== '0' && guard < 100; guard++) {
    if (allowed.has(current)) return true;
    current = org.departments.find((d) => d.department_id === current)?.parent_department_id;
  }
  return false;
}

function assertInRange(org: SandboxOrg, scope: ContactScope, deptId: string): void {
  if (deptId === '0' && !(scope.allMembers ?? true)) {
    throw apiError(400, LarkCodes.noDeptAuthority, 'no dept authority error: department 0 needs the contact range "all members"');
  }
  if (!inRange(org, scope, deptId)) throw apiError(400, LarkCodes.noDeptAuthority, `no dept authority error: ${deptId} is outside the app's contact range`);
}

function resolveParent(org: SandboxOrg, id: string, type: string): string {
  if (id === '0') return '0';
  const d = findDept(org, id, type);
  if (!d) throw apiError(400, LarkCodes.departmentNotFound, `department not found: ${id} (department_id_type=${type})`);
  return d.department_id;
}

export function departmentChildren(org: SandboxOrg, scope: ContactScope, pathId: string, q: Query): Page<Record<string, unknown>> {
  const type = deptIdType(q);
  const userType = checkUserIdType(q);
  const root = resolveParent(org, decodeURIComponent(pathId), type);
  if (root !== '0') assertInRange(org, scope, root);
  const recursive = q.get('fetch_child') === 'true';
  const found: SandboxDepartment[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const parent of frontier) {
      for (const d of org.departments.filter((x) => x.parent_department_id === parent)) {
        found.push(d);
        next.push(d.department_id);
      }
    }
    frontier = recursive ? next : [];
  }
  const items = found.filter((d) => inRange(org, scope, d.department_id)).map((d) => ({
    name: d.name,
    i18n_name: { zh_cn: d.name },
    department_id: d.department_id,
    open_department_id: d.open_department_id,
    parent_department_id: externalDeptId(org, d.parent_department_id, type),
    leader_user_id: externalUserId(org, d.leader_user_id, userType),
    ...(d.chat_id ? { chat_id: d.chat_id } : {}),
    member_count: org.users.filter((u) => u.department_ids.includes(d.department_id)).length,
    status: { is_deleted: false },
  }));
  return paginate(items, q);
}

function userItem(org: SandboxOrg, scope: ContactScope, u: SandboxUser, deptType: string, userType: string): Record<string, unknown> {
  const granted = new Set(scope.fieldScopes ?? Object.keys(FIELD_SCOPES));
  const hidden = new Set(Object.entries(FIELD_SCOPES).flatMap(([s, fields]) => (granted.has(s) ? [] : fields)));
  const item: Record<string, unknown> = {
    open_id: u.open_id,
    user_id: u.user_id,
    union_id: u.union_id,
    name: u.name,
    department_ids: u.department_ids.map((id) => externalDeptId(org, id, deptType)),
    leader_user_id: externalUserId(org, u.leader_user_id, userType),
    job_title: u.job_title,
    status: { is_frozen: false, is_resigned: false, is_activated: true, is_exited: false, is_unjoin: false },
  };
  for (const f of hidden) delete item[f];
  return item;
}

/** Direct members only: Lark's find_by_department does not descend into sub-departments. */
export function usersByDepartment(org: SandboxOrg, scope: ContactScope, q: Query): Page<Record<string, unknown>> {
  const type = deptIdType(q);
  const userType = checkUserIdType(q);
  const raw = q.get('department_id');
  if (raw === null || raw === '') throw apiError(400, LarkCodes.fieldValidation, 'department_id is required');
  const deptId = resolveParent(org, raw, type);
  assertInRange(org, scope, deptId);
  const members = org.users.filter((u) => u.department_ids.includes(deptId));
  return paginate(
    members.map((u) => userItem(org, scope, u, type, userType)),
    q,
  );
}

/** `GET departments/:id`; department 0 is the tenant's root, named after the organisation. */
export function departmentInfo(org: SandboxOrg, scope: ContactScope, pathId: string, q: Query): Record<string, unknown> {
  const type = deptIdType(q);
  const id = resolveParent(org, decodeURIComponent(pathId), type);
  assertInRange(org, scope, id);
  if (id === '0') {
    const name = org.name ?? '本机构';
    return { department: { name, i18n_name: { zh_cn: name }, department_id: '0', open_department_id: '0', parent_department_id: '', leader_user_id: '', status: { is_deleted: false } } };
  }
  const d = org.departments.find((x) => x.department_id === id)!;
  return {
    department: {
      name: d.name,
      department_id: d.department_id,
      open_department_id: d.open_department_id,
      parent_department_id: externalDeptId(org, d.parent_department_id, type),
      leader_user_id: externalUserId(org, d.leader_user_id, checkUserIdType(q)),
      status: { is_deleted: false },
    },
  };
}
