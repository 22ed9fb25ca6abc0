import { DomainError } from '../core/errors';
import type { OrgDepartment, OrgUser } from '../core/ports';

/**
 * Reading the organisation from Lark's contact API. find_by_department lists direct members only, and
 * people directly in the root department 0 (often the bureau's leaders) are found only by asking for 0.
 * Fields whose scope the app lacks come back missing, which would sync nameless people without
 * supervisors; that is refused with the scope to enable.
 */
type Page = (url: string, params: Record<string, unknown>) => Promise<any[]>;
type Get = (url: string, params: Record<string, unknown>) => Promise<any>;

export const ROOT = '0';

const scopeError = (what: string, scope: string, label: string) =>
  new DomainError(
    'NOT_APPLICABLE',
    `通讯录未返回${what}：请在飞书开发者后台为应用开通「${label}（${scope}）」权限，发布新版本并由管理员审核通过后，再同步组织。`,
  );

export async function readDepartments(page: Page, get: Get): Promise<OrgDepartment[]> {
  const items = await page(`/open-apis/contact/v3/departments/${ROOT}/children`, { fetch_child: true, department_id_type: 'department_id', user_id_type: 'open_id' });
  const departments: OrgDepartment[] = items.map((d) => ({
    id: String(d.department_id ?? d.open_department_id),
    name: String(d.name ?? ''),
    parentId: d.parent_department_id && d.parent_department_id !== ROOT ? String(d.parent_department_id) : null,
    leaderOpenId: d.leader_user_id ? String(d.leader_user_id) : null,
    chatId: d.chat_id ? String(d.chat_id) : null,
  }));
  const probe = await get('/open-apis/contact/v3/users/find_by_department', { department_id: ROOT, department_id_type: 'department_id', user_id_type: 'open_id', page_size: 1 }).catch(
    (e: unknown) => {
      throw rootRangeError(e);
    },
  );
  if (!Array.isArray(probe?.items) || probe.items.length === 0) return departments;
  // People sit directly in the root: the root is the organ and the top-level departments its divisions.
  const root = await get(`/open-apis/contact/v3/departments/${ROOT}`, { department_id_type: 'department_id', user_id_type: 'open_id' }).catch(() => undefined);
  const name = String(root?.department?.name ?? '') || '本单位';
  return [
    { id: ROOT, name, parentId: null, leaderOpenId: root?.department?.leader_user_id ? String(root.department.leader_user_id) : null, chatId: null },
    ...departments.map((d) => (d.parentId === null ? { ...d, parentId: ROOT } : d)),
  ];
}

function rootRangeError(e: unknown): Error {
  const code = (e as { larkCode?: number }).larkCode; // LarkReadError
  if (code === 40004) {
    return new DomainError('NOT_APPLICABLE', '无法读取根部门的直属成员：请在飞书管理后台把应用的通讯录权限范围设为「全部成员」，否则直接挂在根部门下的人员（如局领导）无法同步。');
  }
  return e as Error;
}

export async function readUsers(page: Page, departmentId: string): Promise<OrgUser[]> {
  const items = await page('/open-apis/contact/v3/users/find_by_department', { department_id: departmentId, department_id_type: 'department_id', user_id_type: 'open_id' });
  const active = items.filter((u) => !u.status?.is_resigned);
  if (active.some((u) => typeof u.name !== 'string' || u.name === '')) throw scopeError('成员姓名', 'contact:user.base:readonly', '获取用户基本信息');
  if (active.some((u) => !Array.isArray(u.department_ids))) throw scopeError('成员所在部门和直属上级', 'contact:user.department:readonly', '获取用户组织架构信息');
  return active.map((u) => ({
    openId: String(u.open_id),
    userId: u.user_id && !String(u.user_id).startsWith('ou_') ? String(u.user_id) : null,
    name: String(u.name),
    departmentIds: (u.department_ids as unknown[]).map(String),
    leaderOpenId: u.leader_user_id ? String(u.leader_user_id) : null,
  }));
}
