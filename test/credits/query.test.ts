import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { exportCredits, importFile, tempDir, trainingCsv } from './flow-helpers';

describe.each(dialectsUnderTest())('/学分 (%s)', (dialect) => {
  let h: Harness;
  let tmp: ReturnType<typeof tempDir>;
  afterEach(async () => {
    await h?.close();
    tmp?.remove();
  });

  /** 赵敏 meets both requirements; 孙浩 is short of both; the rest have nothing. */
  async function seed() {
    tmp = tempDir();
    h = await Harness.start({ dialect, now: '2026-11-20T10:00:00+08:00' });
    const zhao = h.person('赵敏').open_id;
    const sun = h.person('孙浩').open_id;
    const file = tmp.file(
      't.csv',
      trainingCsv([
        [zhao, '2026-02-01', '网络专题一', 'online', '40', '1'],
        [zhao, '2026-03-01', '网络专题二', 'online', '20.5', '0'],
        [zhao, '2026-05-12', '处级干部轮训', 'offline', '12天', '1'],
        [sun, '2026-04-01', '网络专题一', 'online', '30', '1'],
        [sun, '2026-06-01', '业务骨干培训', 'offline', '64', '0'],
        [sun, '2025-12-20', '去年的课', 'offline', '8', '0'],
        [h.person('王芳').open_id, '2026-09-01', '在职研究生课程', 'degree', '30', '0'],
      ]),
    );
    await importFile(h, file);
    return { zhao, sun };
  }

  it('shows the person’s own card with the figures the ledger export has', async () => {
    const { zhao, sun } = await seed();
    const ledger = await exportCredits(h, '2026');

    await h.say('赵敏', '/学分');
    const mine = Harness.textOf(h.lastCard('赵敏').card);
    const zhaoRow = ledger.find((r) => r.open_id === zhao)!;
    // Issue 10 item 6: the ledger and the card show each requirement (集中培训, 网络学习) on its own.
    expect(zhaoRow).toMatchObject({ year: '2026', unit: '办公室', name: '赵敏', total_hours: '156.5', online_hours: '60.5', required_hours: '136', target_hours: '140', met: '1' });
    expect(zhaoRow).toMatchObject({ offline_hours: '96', requirements: '集中培训 96/90；网络学习 60.5/50' });
    expect(mine).toContain('✅ **集中培训** 96 / 90 学时');
    expect(mine).toContain('✅ **网络学习** 60.5 / 50 学时');
    expect(mine).toContain(`**网络学时**\n${zhaoRow.online_hours} 学时`);
    expect(mine).toContain('**线下等其他**\n96 学时');
    expect(mine).toContain(`**必修**\n${zhaoRow.required_hours} 学时`);
    expect(mine).toContain('**选修**\n20.5 学时');
    expect(mine).toContain('2026 年学时要求已完成');
    expect(mine).toContain('处级干部轮训');
    expect(mine).toContain('▓▓▓▓▓▓▓▓▓▓ 100%');

    await h.say('孙浩', 'credits');
    const his = Harness.textOf(h.lastCard('孙浩').card);
    const sunRow = ledger.find((r) => r.open_id === sun)!;
    expect(sunRow).toMatchObject({ total_hours: '94', online_hours: '30', required_hours: '30', met: '0' });
    expect(sunRow).toMatchObject({ requirements: '集中培训 64/90；网络学习 30/50' });
    expect(his).toContain('⬜ **集中培训** 64 / 90 学时（还差 26）');
    expect(his).toContain('⬜ **网络学习** 30 / 50 学时（还差 20）');
    expect(his).toContain('尚未达标');
    expect(his).toContain('还差集中培训 26 学时、网络学习 20 学时');
    expect(his).not.toContain('去年的课');

    // Above the degree cap: the ledger has what was recorded, the card says how much of it counts.
    await h.say('王芳', '/学分');
    const capped = Harness.textOf(h.lastCard('王芳').card);
    expect(ledger.find((r) => r.name === '王芳')).toMatchObject({ total_hours: '30', met: '0' });
    expect(capped).toContain('**集中培训** 24 / 90 学时');
    expect(capped).toContain('共记录 30 学时，其中 6 学时超出计入上限未计');

    // Everyone active is in the ledger, people without records at 0.
    expect(ledger).toHaveLength(h.org.users.length);
    expect(ledger.find((r) => r.name === '何静')).toMatchObject({ total_hours: '0', met: '0' });
  });

  it('refuses a staff member asking about a colleague, without showing anything of theirs', async () => {
    await seed();
    for (const ask of ['/学分 孙浩', '/学分 没有这个人', '/学分 本单位', '/学分 办公室']) {
      await h.say('赵敏', ask);
      const last = h.inbox('赵敏').at(-1)!;
      const text = Harness.textOf(last);
      expect(text).toContain(ask === '/学分 本单位' ? '仅考核管理员' : '仅考核管理员可查询他人学时');
      expect(text).not.toContain('94');
      expect(text).not.toContain('业务骨干培训');
    }
    // A supervisor sees his own people, not another 处's.
    await h.say('周文涛', '/学分 孙浩');
    expect(Harness.textOf(h.inbox('周文涛').at(-1)!)).toContain('仅考核管理员可查询他人学时');
    await h.say('李明华', '/学分 孙浩');
    expect(Harness.textOf(h.lastCard('李明华').card)).toContain('孙浩（办公室）的学时');
  });

  it('gives a unit admin a colleague’s card and the unit summary, but not another unit', async () => {
    await seed();
    await h.say('陈思远', '/学分 孙浩');
    const card = Harness.textOf(h.lastCard('陈思远').card);
    expect(card).toContain('孙浩（办公室）的学时');
    expect(card).toContain('**集中培训** 64 / 90 学时');

    await h.say('陈思远', '/学分 本单位');
    const unitCard = h.lastCard('陈思远').card;
    const unit = Harness.textOf(unitCard);
    expect(unit).toContain('办公室 · 学时完成情况');
    expect(unit).toContain('2026 年学时达标 1 / 6 人');
    expect(unit).toContain('尚未达标（5 人');
    // The behind list is a table with each requirement's shortfall: 孙浩 misses least, so he sorts last.
    const behind = JSON.stringify(unitCard);
    expect(behind).toContain('{"name":"孙浩","remaining":"46 学时","missing":"集中培训差 26 学时、网络学习差 20 学时"}');
    expect(behind).toContain('{"name":"李明华","remaining":"140 学时","missing":"集中培训差 90 学时、网络学习差 50 学时"}');
    expect(behind).not.toContain('赵敏'); // met, so not listed

    await h.say('陈思远', '/学分 郑凯');
    expect(Harness.textOf(h.inbox('陈思远').at(-1)!)).toContain('郑凯 不在您管理的单位');
    await h.say('刘洋', '/学分 政策法规处');
    expect(Harness.textOf(h.lastCard('刘洋').card)).toContain('政策法规处 · 学时完成情况');
  });

  it('answers in private when asked in a group', async () => {
    await seed();
    const group = h.org.departments.find((d) => d.department_id === 'D110')!.chat_id!;
    await h.driver.sendText(h.person('赵敏').open_id, '学分', { chatId: group });
    await h.settle();
    expect(h.inbox('赵敏').some((m) => Harness.textOf(m).includes('我的学时'))).toBe(true);
    expect(h.inbox(group).some((m) => Harness.textOf(m).includes('已计'))).toBe(false);
  });
});
