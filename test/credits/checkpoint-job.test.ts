import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { importFile, tempDir, trainingCsv } from './flow-helpers';

describe.each(dialectsUnderTest())('credits-checkpoint job (%s)', (dialect) => {
  let h: Harness;
  let tmp: ReturnType<typeof tempDir>;
  afterEach(async () => {
    await h?.close();
    tmp?.remove();
  });

  const noticesTo = (name: string, title: string) => h.inbox(name).filter((m) => Harness.textOf(m).includes(title));
  const personalTitle = { midyear: '年中学时进度提醒', yearend: '年底学时提醒' };
  /** Who got a personal notice (the unit summaries carry the same words as a subtitle, so look for 还需完成). */
  const notified = (title: string) =>
    h.org.users.filter((u) => noticesTo(u.name, title).some((m) => Harness.textOf(m).includes('还需完成'))).map((u) => u.name).sort();

  // Issue 10 item 6: each requirement is checked on its own (half of 90 concentrated and half of 50 online by mid-year).
  it('mid-year: notifies exactly those below half of a requirement, once; each unit’s admin gets the summary', async () => {
    tmp = tempDir();
    h = await Harness.start({ dialect, now: '2026-06-01T10:00:00+08:00' });
    const open = (name: string) => h.person(name).open_id;
    await importFile(
      h,
      tmp.file(
        'mid.csv',
        trainingCsv([
          [open('赵敏'), '2026-03-01', '轮训', 'offline', '45', '0'], // exactly half of each: on track
          [open('赵敏'), '2026-03-02', '网络专题', 'online', '25', '0'],
          [open('孙浩'), '2026-03-01', '轮训', 'offline', '44.5', '0'], // just below
          [open('孙浩'), '2026-03-02', '网络专题', 'online', '25', '0'],
          [open('郑凯'), '2026-03-01', '轮训', 'offline', '60', '0'],
          [open('郑凯'), '2026-03-02', '网络专题', 'online', '30', '0'],
          [open('王芳'), '2026-03-01', '学历教育', 'degree', '60', '0'], // degree capped at 24
          [open('王芳'), '2026-03-02', '网络专题', 'online', '90', '0'],
        ]),
      ),
    );
    expect((await h.runJob('credits-checkpoint', '2026-06-29T09:00:00+08:00')).status).toBe('not-due');

    const outcome = await h.runJob('credits-checkpoint', '2026-06-30T09:00:00+08:00');
    expect(outcome).toMatchObject({ status: 'done', periodKey: '2026-midyear' });
    const everyone = h.org.users.map((u) => u.name);
    const onTrack = ['赵敏', '郑凯'];
    expect(notified(personalTitle.midyear)).toEqual(everyone.filter((n) => !onTrack.includes(n)).sort());
    expect(outcome.message).toContain(`提醒 ${everyone.length - 2} 人（进度正常 2 人）`);
    const sun = noticesTo('孙浩', personalTitle.midyear)[0]!;
    expect(Harness.textOf(sun)).toContain('**集中培训** 44.5 / 90 学时（还差 45.5）');
    expect(Harness.textOf(sun)).toContain('⬜ **网络学习** 25 / 50 学时（还差 25）');
    expect(Harness.textOf(sun)).toContain('还差集中培训 45.5 学时、网络学习 25 学时');
    expect(Harness.textOf(noticesTo('王芳', personalTitle.midyear)[0]!)).toContain('**集中培训** 24 / 90 学时');

    // Summaries: 办公室 to its 考核管理员; the units without one to the admin.
    // (The checkpoint's 学时通报 draft for the admins is a ranking review card, titled otherwise.)
    const summaries = (name: string) =>
      h.inbox(name).map((m) => Harness.textOf(m).split('\n')[0]!).filter((title) => title.endsWith('· 学时完成情况'));
    expect(summaries('陈思远')).toEqual(['办公室 · 学时完成情况']);
    expect(summaries('刘洋').sort()).toEqual(['政策法规处 · 学时完成情况', '某市某局 · 学时完成情况'].sort());
    expect(summaries('赵敏')).toEqual([]);

    // The runner and the message keys make a re-run (or a later day of the same checkpoint) send nothing.
    const before = h.sandbox.messagesFor(open('孙浩')).length;
    expect((await h.runJob('credits-checkpoint', '2026-06-30T09:00:00+08:00')).status).toBe('already-done');
    expect((await h.runJob('credits-checkpoint', '2026-08-15T09:00:00+08:00')).status).toBe('already-done');
    expect(h.sandbox.messagesFor(open('孙浩')).length).toBe(before);
  });

  it('year end: everyone who has not met the requirement, online minimum included', async () => {
    tmp = tempDir();
    h = await Harness.start({ dialect, now: '2026-11-01T10:00:00+08:00' });
    const open = (name: string) => h.person(name).open_id;
    await importFile(
      h,
      tmp.file(
        'ye.csv',
        trainingCsv([
          [open('赵敏'), '2026-03-01', '网络专题', 'online', '50', '0'],
          [open('赵敏'), '2026-04-01', '轮训', 'offline', '90', '0'],
          [open('孙浩'), '2026-04-01', '轮训', 'offline', '90', '0'], // concentrated done, no online
          [open('郑凯'), '2026-04-01', '网络专题', 'online', '140', '0'], // online alone never fills the 90
        ]),
      ),
    );
    const outcome = await h.runJob('credits-checkpoint', '2026-12-01T09:00:00+08:00');
    expect(outcome).toMatchObject({ status: 'done', periodKey: '2026-yearend' });
    expect(notified(personalTitle.yearend)).toEqual(h.org.users.map((u) => u.name).filter((n) => n !== '赵敏').sort());
    expect(Harness.textOf(noticesTo('孙浩', personalTitle.yearend)[0]!)).toContain('还差网络学习 50 学时');
    expect(Harness.textOf(noticesTo('郑凯', personalTitle.yearend)[0]!)).toContain('还差集中培训 90 学时');
  });
});
