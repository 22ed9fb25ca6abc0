import { afterEach, describe, expect, it } from 'vitest';
import { applyOrgSnapshot } from '../../src/core/org/org.service';
import { snapshotFromDirectory } from '../../src/core/org/directory-snapshot';
import { buildOrg } from '../../src/sandbox';
import { Harness } from '../helpers/harness';

/** A bureau whose leaders sit directly in Lark's root department 0, as many tenants are set up. */
const bureau = () =>
  buildOrg({
    name: '某市某局',
    rootPeople: [
      { name: '王局长', userId: 'wangjuzhang', jobTitle: '局长', level: '正职' },
      { name: '钱副局长', userId: 'qianfujuzhang', jobTitle: '副局长', level: '副职' },
    ],
    units: [
      { id: 'D110', name: '办公室', leader: { name: '李主任', userId: 'lizhuren' }, staff: [{ name: '赵科员', userId: 'zhaokeyuan' }] },
      { id: 'D120', name: '法规处', leader: { name: '周处长', userId: 'zhouchuzhang' }, staff: [{ name: '郑科员', userId: 'zhengkeyuan' }] },
    ],
  });

describe('org sync through the contact API', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  const sync = async () => applyOrgSnapshot(h.db, h.clock, await snapshotFromDirectory(h.app.api), { source: 'sync', actor: 'test', deactivate: 'all-missing' });
  const person = (name: string) => h.db.selectFrom('people').selectAll().where('name', '=', name).executeTakeFirstOrThrow();

  it('syncs the leaders who sit directly in department 0, and keeps them on a re-sync', async () => {
    h = await Harness.start({ org: bureau(), seedOrg: false });
    await sync();
    const chief = await person('王局长');
    expect(chief).toMatchObject({ unit_id: '0', active: 1, leader_open_id: null });
    expect(await person('钱副局长')).toMatchObject({ unit_id: '0', leader_open_id: chief.open_id });
    expect(await person('李主任')).toMatchObject({ unit_id: 'D110', leader_open_id: chief.open_id });
    const units = await h.db.selectFrom('units').select(['id', 'name', 'parent_id']).orderBy('id').execute();
    expect(units).toEqual([
      { id: '0', name: '某市某局', parent_id: null },
      { id: 'D110', name: '办公室', parent_id: '0' },
      { id: 'D120', name: '法规处', parent_id: '0' },
    ]);
    const again = await sync();
    expect(again.deactivated).toBe(0);
    expect((await person('王局长')).active).toBe(1);
  });

  it('says which field scope is missing when names or departments come back empty', async () => {
    h = await Harness.start({ org: bureau(), seedOrg: false, sandbox: { contacts: { fieldScopes: ['contact:user.department:readonly'] } } });
    await expect(sync()).rejects.toThrow(/获取用户基本信息（contact:user\.base:readonly）/);
    await h.close();
    h = await Harness.start({ org: bureau(), seedOrg: false, sandbox: { contacts: { fieldScopes: ['contact:user.base:readonly'] } } });
    await expect(sync()).rejects.toThrow(/获取用户组织架构信息（contact:user\.department:readonly）/);
    expect(await h.db.selectFrom('people').select('open_id').execute()).toEqual([]);
  });

  it('asks for the contact range "all members" when department 0 cannot be read', async () => {
    h = await Harness.start({ org: bureau(), seedOrg: false, sandbox: { contacts: { allMembers: false, departments: ['D110', 'D120'] } } });
    await expect(sync()).rejects.toThrow(/通讯录权限范围设为「全部成员」/);
  });
});
