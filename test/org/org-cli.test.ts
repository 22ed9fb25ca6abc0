import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoOrg, LarkSandbox, orgToCsv, type SandboxOrg } from '../../src/sandbox';
import { cli, query, tempDir } from '../hardening/cli';

/** `pingshi import org` and `pingshi sync-org` as an operator runs them, on a SQLite file. */
function setup() {
  const dir = tempDir('org-cli');
  const db = join(dir, 'pingshi.db');
  let n = 0;
  const file = (org: SandboxOrg, edit: (csv: string) => string = (c) => c) => {
    const path = join(dir, `org-${++n}.csv`);
    writeFileSync(path, edit(orgToCsv(org)));
    return path;
  };
  return { db, file, env: { DATABASE_URL: `file:${db}` } };
}

const active = (db: string) => query<{ name: string }>(db, 'select name from people where active = 1 order by name').map((p) => p.name);
const peopleRows = (db: string) => query(db, 'select * from people order by open_id');
const auditActions = (db: string, action: string) => query<{ entity_id: string }>(db, `select entity_id from audit_log where action = '${action}'`);

/** The demo organisation without some of its people. */
function without(names: string[]): SandboxOrg {
  const org = demoOrg();
  return { ...org, users: org.users.filter((u) => !names.includes(u.name)) };
}

const line = (csv: string, name: string) => csv.split('\n').findIndex((l) => l.split(',')[2] === name) + 1;

describe('import org', () => {
  it('deactivates a few missing people at once, stops with the names past 10 %, and reactivates people who come back', async () => {
    const { db, file, env } = setup();
    expect((await cli(['import', 'org', file(demoOrg())], env)).code).toBe(0);

    const one = await cli(['import', 'org', file(without(['孙浩']))], env);
    expect(one.code).toBe(0);
    expect(one.out).toContain('停用 1');

    const before = peopleRows(db);
    const many = await cli(['import', 'org', file(without(['孙浩', '吴婷', '郑凯', '王芳', '冯磊', '何静']))], env);
    expect(many.code).toBe(3);
    expect(many.err).toContain('将停用（5 人）');
    expect(many.err).toContain('政策法规处\t冯磊');
    expect(many.err).toContain('将停用 5 人，占在职 12 人的 42%，超过 10%');
    expect(many.err).toContain('加 --confirm 重新运行；本次未做任何更改');
    expect(peopleRows(db)).toEqual(before);

    const confirmed = await cli(['import', 'org', file(without(['孙浩', '吴婷', '郑凯', '王芳', '冯磊', '何静'])), '--confirm'], env);
    expect(confirmed.code).toBe(0);
    expect(active(db)).toHaveLength(7);

    const back = await cli(['import', 'org', file(demoOrg())], env);
    expect(back.code).toBe(0);
    expect(back.out).toContain('重新启用 6');
    expect(active(db)).toHaveLength(13);
    expect(auditActions(db, 'org.person.reactivate')).toHaveLength(6);
    expect(auditActions(db, 'org.person.deactivate')).toHaveLength(6);
  });

  it('reports a leader cycle across three rows on each of its lines, and writes nothing', async () => {
    const { db, file, env } = setup();
    const org = demoOrg();
    const id = (name: string) => org.users.find((u) => u.name === name)!.open_id;
    org.users.find((u) => u.name === '赵敏')!.leader_user_id = id('孙浩');
    org.users.find((u) => u.name === '孙浩')!.leader_user_id = id('刘洋');
    org.users.find((u) => u.name === '刘洋')!.leader_user_id = id('赵敏');
    const csv = orgToCsv(org);
    const run = await cli(['import', 'org', file(org)], env);
    expect(run.code).toBe(1);
    for (const name of ['赵敏', '孙浩', '刘洋']) {
      expect(run.err).toMatch(new RegExp(`第 ${line(csv, name)} 行：直属上级关系构成循环：(赵敏 → 孙浩 → 刘洋|孙浩 → 刘洋 → 赵敏|刘洋 → 赵敏 → 孙浩)`));
    }
    expect(run.err.match(/直属上级关系构成循环/g)).toHaveLength(3);
    expect(peopleRows(db)).toEqual([]);

    const skipped = await cli(['import', 'org', file(org), '--skip-bad'], env);
    expect(skipped.code).toBe(0);
    expect(active(db)).toHaveLength(10);
  });

  it('reports a leader or parent unit that names nobody, and a person leading themself, as bad rows', async () => {
    const { db, file, env } = setup();
    const org = demoOrg();
    const zhao = org.users.find((u) => u.name === '赵敏')!;
    zhao.leader_user_id = 'ou_nobody';
    const sun = org.users.find((u) => u.name === '孙浩')!;
    sun.leader_user_id = sun.open_id;
    const csv = orgToCsv(org).replace(/^(.*,何静,D120,政策法规处,)D100,/m, '$1D999,');
    const run = await cli(['import', 'org', file(org, () => csv)], env);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`第 ${line(csv, '赵敏')} 行：leader_open_id ou_nobody 在本文件和已有组织中都找不到`);
    expect(run.err).toContain(`第 ${line(csv, '孙浩')} 行：leader_open_id 不能是本人`);
    expect(run.err).toContain(`第 ${line(csv, '何静')} 行：unit_id D120 的 parent_unit_id 与第`);
    expect(peopleRows(db)).toEqual([]);
  });

  it('checks references against the stored organisation: a leader there is fine, one this file would deactivate is not, and a cycle through it is found', async () => {
    const { db, file, env } = setup();
    const org = demoOrg();
    expect((await cli(['import', 'org', file(org)], env)).code).toBe(0);
    const id = (name: string) => org.users.find((u) => u.name === name)!.open_id;
    const header = 'open_id,user_id,name,unit_id,unit_name,parent_unit_id,leader_open_id,level,roles,unit_chat_id';
    const newUnit = [header, `ou_new1,,新人甲,D130,信息中心,D100,${id('王建国')},一般干部,staff,`, `ou_new2,,新人乙,D130,信息中心,D999,${id('王建国')},一般干部,staff,`].join('\n');
    const first = await cli(['import', 'org', file(org, () => newUnit)], env);
    expect(first.err).toContain('第 3 行：unit_id D130 的 parent_unit_id 与第 2 行不一致');
    expect(first.code).toBe(1);

    const orphanParent = [header, `ou_new3,,新人丙,D140,档案室,D999,${id('王建国')},一般干部,staff,`].join('\n');
    expect((await cli(['import', 'org', file(org, () => orphanParent)], env)).err).toContain('第 2 行：parent_unit_id D999 在本文件和已有组织中都找不到对应单位');

    const fine = [header, `ou_new1,,新人甲,D130,信息中心,D100,${id('王建国')},一般干部,staff,`].join('\n');
    expect((await cli(['import', 'org', file(org, () => fine)], env)).code).toBe(0);

    // Only 周文涛's row for 政策法规处: the others would be deactivated, so none of them can lead.
    const leaderLeaving = [header, `${id('周文涛')},zhouwentao,周文涛,D120,政策法规处,D100,${id('吴婷')},正职,supervisor,`].join('\n');
    const leaving = await cli(['import', 'org', file(org, () => leaderLeaving)], env);
    expect(leaving.err).toContain(`第 2 行：leader_open_id ${id('吴婷')}（吴婷）不在本文件中，而其所在单位 D120 在本文件中，导入后将被停用`);

    // 王建国 alone in the 局's row, led by 周文涛, whom the stored organisation has led by 王建国.
    const cycle = [header, `${id('王建国')},wangjianguo,王建国,D100,某市某局,,${id('周文涛')},正职,supervisor,`].join('\n');
    const cyclic = await cli(['import', 'org', file(org, () => cycle)], env);
    expect(cyclic.err).toContain('第 2 行：直属上级关系构成循环：');
    expect(cyclic.err).toMatch(/王建国 → 周文涛 → 王建国|周文涛 → 王建国 → 周文涛/);
    expect(active(db)).toHaveLength(14);
  });
});

describe('sync-org', () => {
  let sandbox: LarkSandbox | null = null;
  afterEach(async () => {
    await sandbox?.stop();
    sandbox = null;
  });

  async function withDirectory(org: SandboxOrg) {
    const appId = `cli_org${Math.random().toString(16).slice(2, 14)}`;
    sandbox = new LarkSandbox({ appId, appSecret: 'org-secret', org, seed: 7 });
    const { url } = await sandbox.start(0);
    return { LARK_APP_ID: appId, LARK_APP_SECRET: 'org-secret', LARK_ENCRYPT_KEY: 'k', LARK_VERIFICATION_TOKEN: 't', LARK_BASE_URL: url };
  }

  it('refuses an empty directory, and stops a partial one until --confirm', async () => {
    const { db, file, env } = setup();
    expect((await cli(['import', 'org', file(demoOrg())], env)).code).toBe(0);
    const before = peopleRows(db);

    const empty = await cli(['sync-org'], { ...env, ...(await withDirectory({ departments: [], users: [] })) });
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('通讯录没有返回任何人员');
    expect(empty.err).toContain('contact:contact.base:readonly');
    expect(peopleRows(db)).toEqual(before);
    await sandbox!.stop();

    const partial = demoOrg();
    partial.departments = partial.departments.filter((d) => d.department_id !== 'D120');
    const lark = await withDirectory(partial);
    const stopped = await cli(['sync-org'], { ...env, ...lark });
    expect(stopped.code).toBe(3);
    expect(stopped.err).toContain('将停用（6 人）');
    expect(peopleRows(db)).toEqual(before);

    const confirmed = await cli(['sync-org', '--confirm'], { ...env, ...lark });
    expect(confirmed.code).toBe(0);
    expect(confirmed.out).toContain('停用 6');
    expect(active(db)).toHaveLength(7);
  });

  it('names --confirm in the usage text', async () => {
    const help = await cli(['--help']);
    expect(help.out).toContain('sync-org [--confirm]');
    expect(help.out).toContain('[--skip-bad] [--confirm]');
  });
});
