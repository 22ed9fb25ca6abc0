import { afterEach, describe, expect, it } from 'vitest';
import { buildOrg, demoOrg, demoOrgCsv, type LarkSandbox } from '../../src/sandbox';
import { sdkClient, startSandbox } from './helpers';

let sb: LarkSandbox;
afterEach(async () => sb?.stop());

type Dept = { department_id: string; open_department_id: string; name: string; parent_department_id: string; leader_user_id: string; chat_id?: string };
type User = { open_id: string; user_id: string; name: string; department_ids: string[]; leader_user_id: string; job_title: string; status: { is_resigned: boolean } };

describe('contact API', () => {
  it('pages department children (fetch_child) and users of each department as the demo org says', async () => {
    const org = demoOrg();
    sb = await startSandbox({ org });
    const client = sdkClient(sb);
    const depts: Dept[] = [];
    let pages = 0;
    for await (const page of await client.contact.v3.department.childrenWithIterator({
      path: { department_id: '0' },
      params: { fetch_child: true, page_size: 2, department_id_type: 'department_id' },
    })) {
      pages++;
      depts.push(...((page?.items ?? []) as Dept[]));
    }
    expect(pages).toBe(2);
    expect(depts.map((d) => d.name)).toEqual(['某市某局', '办公室', '政策法规处']);
    expect(depts[1]).toMatchObject({ department_id: 'D110', parent_department_id: 'D100' });
    expect(depts.every((d) => d.chat_id?.startsWith('oc_') && d.leader_user_id.startsWith('ou_'))).toBe(true);

    const direct = await client.contact.v3.department.children({ path: { department_id: '0' }, params: { department_id_type: 'department_id' } });
    expect(direct.data!.items!.map((d) => d.name)).toEqual(['某市某局']);

    const users: User[] = [];
    for (const d of depts) {
      let token: string | undefined;
      do {
        const r = await client.contact.v3.user.findByDepartment({
          params: { department_id: d.department_id, department_id_type: 'department_id', page_size: 4, ...(token ? { page_token: token } : {}) },
        });
        users.push(...((r.data?.items ?? []) as User[]));
        token = r.data?.has_more ? r.data.page_token : undefined;
      } while (token);
    }
    expect(users).toHaveLength(org.users.length);
    for (const u of org.users) {
      const got = users.find((x) => x.open_id === u.open_id)!;
      expect(got).toMatchObject({ user_id: u.user_id, name: u.name, department_ids: u.department_ids, leader_user_id: u.leader_user_id, job_title: u.job_title });
      expect(got.status.is_resigned).toBe(false);
    }

    // default id types: open_department_id and open_id; user_id_type=user_id maps the leader too
    const byOpen = await client.contact.v3.user.findByDepartment({ params: { department_id: depts[1]!.open_department_id, user_id_type: 'user_id', page_size: 50 } });
    const deputy = byOpen.data!.items!.find((u) => u.name === '张丽')!;
    expect(deputy.department_ids).toEqual([depts[1]!.open_department_id]);
    expect(deputy.leader_user_id).toBe('liminghua');
    const bad = await client.contact.v3.user.findByDepartment({ params: { department_id: 'D110' } }).catch((e: { response: { data: { code: number } } }) => e.response.data);
    expect(bad.code).toBe(40003);
  });

  it('demoOrgCsv has the same people, units and supervisors as the contacts', () => {
    const org = demoOrg();
    const [header, ...lines] = demoOrgCsv().trim().split('\n');
    expect(header).toBe('open_id,user_id,name,unit_id,unit_name,parent_unit_id,leader_open_id,level,roles,unit_chat_id');
    expect(lines).toHaveLength(org.users.length);
    expect(org.users.length).toBeGreaterThanOrEqual(12);
    for (const line of lines) {
      const [openId, userId, name, unitId, unitName, parent, leader, level, roles, chat] = line.split(',');
      const u = org.users.find((x) => x.open_id === openId)!;
      const d = org.departments.find((x) => x.department_id === unitId)!;
      expect([u.user_id, u.name, u.department_ids[0], u.leader_user_id, u.level, u.roles.join(';')]).toEqual([userId, name, unitId, leader, level, roles]);
      expect([d.name, d.parent_department_id === '0' ? '' : d.parent_department_id, d.chat_id]).toEqual([unitName, parent, chat]);
    }
    const roles = org.users.flatMap((u) => u.roles);
    expect(roles.filter((r) => r === 'unit_admin')).toHaveLength(1);
    expect(roles.filter((r) => r === 'admin')).toHaveLength(1);
    // every unit's leader is its department leader, and staff report to that leader
    for (const d of org.departments.filter((x) => x.parent_department_id !== '0')) {
      const leader = org.users.find((u) => u.open_id === d.leader_user_id)!;
      expect(leader.roles).toContain('supervisor');
      for (const u of org.users.filter((x) => x.department_ids[0] === d.department_id && x !== leader)) expect(u.leader_user_id).toBe(leader.open_id);
    }
  });

  it('buildOrg makes small custom organisations', () => {
    const org = buildOrg({ units: [{ id: 'U1', name: '一处', chatId: 'oc_u1', leader: { name: '甲' }, staff: [{ name: '乙' }, { name: '丙', level: '副职' }] }] });
    expect(org.departments).toEqual([expect.objectContaining({ department_id: 'U1', parent_department_id: '0', chat_id: 'oc_u1' })]);
    const [jia, yi] = org.users;
    expect(jia!.roles).toEqual(['staff', 'supervisor']);
    expect(yi!.leader_user_id).toBe(jia!.open_id);
    expect(jia!.leader_user_id).toBe('');
  });
});
