import { apiError, LarkCodes } from './errors';
import type { SandboxDepartment, SandboxOrg, SandboxUser } from './org';

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
  const u = org.users.find((x) => x.open_id === openId);
  if (!u) return '';
  return type === 'user_id' ? u.user_id : u.union_id;
}

function checkUserIdType(q: Query): string {
  const t = q.get('user_id_type') ?? 'open_id';
  if (!['open_id', 'user_id', 'union_id'].includes(t)) throw apiError(400, LarkCodes.fieldValidation, 'user_id_type is invalid');
  return t;
}

function resolveParent(org: SandboxOrg, id: string, type: string): string {
  if (id === '0') return '0';
  const d = findDept(org, id, type);
  if (!d) throw apiError(400, LarkCodes.departmentNotFound, `department not found: ${id} (department_id_type=${type})`);
  return d.department_id;
}

export function departmentChildren(org: SandboxOrg, pathId: string, q: Query): Page<Record<string, unknown>> {
  const type = deptIdType(q);
  const userType = checkUserIdType(q);
  const root = resolveParent(org, decodeURIComponent(pathId), type);
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
  const items = found.map((d) => ({
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

function userItem(org: SandboxOrg, u: SandboxUser, deptType: string, userType: string): Record<string, unknown> {
  return {
    open_id: u.open_id,
    user_id: u.user_id,
    union_id: u.union_id,
    name: u.name,
    department_ids: u.department_ids.map((id) => externalDeptId(org, id, deptType)),
    leader_user_id: externalUserId(org, u.leader_user_id, userType),
    job_title: u.job_title,
    status: { is_frozen: false, is_resigned: false, is_activated: true, is_exited: false, is_unjoin: false },
  };
}

export function usersByDepartment(org: SandboxOrg, q: Query): Page<Record<string, unknown>> {
  const type = deptIdType(q);
  const userType = checkUserIdType(q);
  const raw = q.get('department_id');
  if (raw === null || raw === '') throw apiError(400, LarkCodes.fieldValidation, 'department_id is required');
  const deptId = resolveParent(org, raw, type);
  const members = org.users.filter((u) => u.department_ids.includes(deptId));
  return paginate(
    members.map((u) => userItem(org, u, type, userType)),
    q,
  );
}
