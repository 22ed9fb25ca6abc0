import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyOrgSnapshot } from '../../src/core/org/org.service';
import { findPerson } from '../../src/core/org/people.repository';
import { ORG_COLUMNS, parseOrgRows, snapshotFromDirectory } from '../../src/core/org/org-snapshot';
import { readTableFromString } from '../../src/io/table-file';
import { DomainError } from '../../src/core/errors';
import { demoOrgCsv } from '../../src/sandbox';
import type { Io } from '../../src/cli/define-importer';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';

async function orgState(h: Harness) {
  const people = await h.db.selectFrom('people').select(['open_id', 'name', 'unit_id', 'leader_open_id', 'active']).orderBy('open_id').execute();
  const units = await h.db.selectFrom('units').select(['id', 'name', 'parent_id', 'chat_id', 'active']).orderBy('id').execute();
  return { people, units };
}

const sink = () => {
  const chunks: string[] = [];
  return { stream: { write: (s: string) => chunks.push(s) } as unknown as NodeJS.WritableStream, text: () => chunks.join('') };
};

describe.each(dialectsUnderTest())('organisation (%s)', (dialect) => {
  const open: Harness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });
  const start = async (opts: Parameters<typeof Harness.start>[0] = {}) => {
    const h = await Harness.start({ dialect, ...opts });
    open.push(h);
    return h;
  };

  it('produces the same people, units and supervisors from the contact API as from the CSV file', async () => {
    const synced = await start({ seedOrg: false });
    const snapshot = await snapshotFromDirectory(synced.app.api);
    await applyOrgSnapshot(synced.db, synced.clock, snapshot, { source: 'sync', actor: 'test', deactivate: 'all-missing' });
    const imported = await start();
    const a = await orgState(synced);
    const b = await orgState(imported);
    expect(a.people.length).toBe(13);
    expect(a).toEqual(b);
  });

  it('re-syncs idempotently, keeps admin-assigned roles, and deactivates people who left while keeping their history', async () => {
    const h = await start();
    const first = await applyOrgSnapshot(h.db, h.clock, await snapshotFromDirectory(h.app.api), { source: 'sync', actor: 'test', deactivate: 'all-missing' });
    expect(first).toMatchObject({ peopleAdded: 0, deactivated: 0 });
    const second = await applyOrgSnapshot(h.db, h.clock, await snapshotFromDirectory(h.app.api), { source: 'sync', actor: 'test', deactivate: 'all-missing' });
    expect(second).toEqual({ unitsAdded: 0, unitsUpdated: 0, peopleAdded: 0, peopleUpdated: 0, deactivated: 0 });
    const admin = await h.db.selectFrom('people').select('roles').where('name', '=', '陈思远').executeTakeFirstOrThrow();
    expect(admin.roles).toContain('unit_admin');

    const leaving = h.person('孙浩');
    h.sandbox.org.users.splice(h.sandbox.org.users.findIndex((u) => u.open_id === leaving.open_id), 1);
    const third = await applyOrgSnapshot(h.db, h.clock, await snapshotFromDirectory(h.app.api), { source: 'sync', actor: 'test', deactivate: 'all-missing' });
    expect(third.deactivated).toBe(1);
    const row = await h.db.selectFrom('people').selectAll().where('open_id', '=', leaving.open_id).executeTakeFirstOrThrow();
    expect(row.active).toBe(0);
    const trail = await h.db.selectFrom('audit_log').select('action').where('entity_id', '=', leaving.open_id).execute();
    expect(trail.map((t) => t.action)).toContain('org.person.deactivate');
  });

  it('lets an admin run /同步 from chat and reports what changed', async () => {
    const h = await start();
    await h.say('刘洋', '同步');
    const texts = h.inbox('刘洋').map((m) => Harness.textOf(m));
    expect(texts[0]).toContain('正在从通讯录同步');
    expect(texts[1]).toContain('同步完成');
    await h.say('赵敏', '/同步');
    expect(Harness.textOf(h.inbox('赵敏').at(-1)!)).toContain('仅限');
  });

  it('reports bad rows by line and writes nothing unless --skip-bad', async () => {
    const h = await start({ seedOrg: false });
    const dir = mkdtempSync(join(tmpdir(), 'pingshi-org-'));
    const lines = demoOrgCsv().trimEnd().split('\n');
    lines.push('ou_bad1,,,D110,办公室,D100,,一般干部,staff,');
    lines.push('ou_bad2,,某人,D110,办公室,D100,,科长,staff,');
    const file = join(dir, 'org.csv');
    writeFileSync(file, `\uFEFF${lines.join('\n')}\n`);
    const err = sink();
    const out = sink();
    await expect(importOrg(h, file, false, { out: out.stream, err: err.stream })).rejects.toBeInstanceOf(DomainError);
    expect(err.text()).toContain(`第 ${lines.length - 1} 行：姓名 name 不能为空`);
    expect(err.text()).toContain(`第 ${lines.length} 行：level 应为`);
    expect((await orgState(h)).people).toHaveLength(0);

    await importOrg(h, file, true, { out: out.stream, err: err.stream });
    expect((await orgState(h)).people).toHaveLength(13);
    expect(out.text()).toContain('跳过 2 行');
  });

  it('parses the org file columns of the contract', async () => {
    const { rows } = await readTableFromString(demoOrgCsv(), { columns: ORG_COLUMNS });
    const { snapshot, errors } = parseOrgRows(rows);
    expect(errors).toEqual([]);
    const zhao = snapshot.people.find((p) => p.name === '赵敏')!;
    const leader = snapshot.people.find((p) => p.name === '李明华')!;
    expect(zhao.leaderOpenId).toBe(leader.openId);
    expect(snapshot.units.map((u) => u.name).sort()).toEqual(['办公室', '政策法规处', '某市某局'].sort());
  });

  it('keeps joined_on and probation_until from the file, and the day first seen otherwise', async () => {
    const h = await start({ now: '2026-11-20T10:00:00+08:00', seedOrg: false });
    const csv = [
      [...ORG_COLUMNS, 'joined_on', 'probation_until'].join(','),
      'ou_a,,甲,U1,综合处,,,一般干部,staff,,2026-09-01,2027-08-31',
      'ou_b,,乙,U1,综合处,,,一般干部,staff,,,',
      'ou_c,,丙,U1,综合处,,,一般干部,staff,,2026-13-01,',
      'ou_d,,丁,U1,综合处,,,一般干部,staff,,2026-09-01,2026-08-01',
    ].join('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'org-')), 'org.csv');
    writeFileSync(file, csv);
    const err = sink();
    await importOrg(h, file, true, { out: sink().stream, err: err.stream });
    expect(err.text()).toContain('第 4 行：joined_on 应为 YYYY-MM-DD 格式的日期，而不是“2026-13-01”');
    expect(err.text()).toContain('第 5 行：probation_until 不能早于 joined_on');
    const people = await h.db.selectFrom('people').select(['open_id', 'joined_on', 'probation_until']).orderBy('open_id').execute();
    expect(people).toEqual([
      { open_id: 'ou_a', joined_on: '2026-09-01', probation_until: '2027-08-31' },
      { open_id: 'ou_b', joined_on: null, probation_until: null },
    ]);
    const b = await findPerson(h.db, 'ou_b');
    expect(b).toMatchObject({ joinedOn: '2026-11-20', probationUntil: null });
  });
});

const importOrg = (h: Harness, file: string, skipBad: boolean, io: Io) => h.app.importer('org')!.run(h.app.deps, file, { skipBad, actor: 'cli' }, io);
