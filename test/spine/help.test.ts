import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';

describe.each(dialectsUnderTest())('help and unknown input (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('answers 帮助 with a help card listing the commands the caller may use', async () => {
    h = await Harness.start({ dialect });
    await h.say('赵敏', '/帮助');
    const { card } = h.lastCard('赵敏');
    const text = Harness.textOf(card);
    expect(text).toContain('使用帮助');
    expect(text).toContain('/帮助');
    // A staff member does not see the admin-only sync command, nor 民主测评 where no organ holds it.
    expect(text).not.toContain('/同步');
    expect(text).not.toContain('/民主测评');
    // Issue 10: the rules that decide tiers, each citing its basis.
    expect(text).toContain('季度“好”等次不超过本机关参评人数的 40%（向下取整），按同级同台分组（正职、副职、一般干部）以最大余数法分配名额；不定等次不计入参评人数（依据：地方通行做法、国家规定）');
    expect(text).toContain('有月度“较差”的季度至多“一般”，有月度“一般”的季度至多“较好”（依据：本系统默认）');
    expect(text).toContain('年度学时：集中培训 ≥ 90 学时、网络学习 ≥ 50 学时，各项分别达标（依据：国家规定）');
  });

  it('answers unknown input with a short card that says so and names the commands, and English names work too', async () => {
    h = await Harness.start({ dialect });
    await h.say('赵敏', '今天天气不错');
    const short = Harness.textOf(h.lastCard('赵敏').card);
    expect(short).toContain('没有识别“今天天气不错”');
    expect(short).toContain('/周记');
    expect(short).not.toContain('使用帮助');
    await h.say('赵敏', 'help');
    expect(Harness.textOf(h.lastCard('赵敏').card)).toContain('使用帮助');
  });

  it('shows each person only what they may use, and runs every command it lists for them', async () => {
    h = await Harness.start({ dialect });
    const refusals = /仅限|无权|不在周记填写名单|不在平时考核名单|出错/;
    // 局长 (supervisor only), a 处室 head, a unit admin, the city admin, a staff member.
    for (const name of ['王建国', '李明华', '陈思远', '刘洋', '赵敏']) {
      await h.say(name, '帮助');
      const listed = [...Harness.textOf(h.lastCard(name).card).matchAll(/\*\*\/(\S+?)\*\*/g)].map((m) => m[1]!);
      expect(listed.length).toBeGreaterThan(2);
      for (const command of listed.filter((c) => c !== '帮助')) {
        const before = h.inbox(name).length;
        await h.say(name, command);
        const answers = h.inbox(name).slice(before).map((m) => Harness.textOf(m));
        expect(answers.length, `${name} ${command}`).toBeGreaterThan(0);
        for (const a of answers) expect(a, `${name} ran ${command}`).not.toMatch(refusals);
      }
    }
    await h.say('王建国', '帮助');
    expect(Harness.textOf(h.lastCard('王建国').card)).not.toContain('/周记');
  });

  it('offers 民主测评 in help once the rules turn it on', async () => {
    h = await Harness.start({ dialect, rules: { peers: { organs: 'all' } } });
    await h.say('赵敏', '帮助');
    expect(Harness.textOf(h.lastCard('赵敏').card)).toContain('/民主测评');
  });

  it('tells someone outside the organisation how to get in, without crashing', async () => {
    h = await Harness.start({ dialect, seedOrg: false });
    await h.say('赵敏', '/同步');
    const [reply] = h.inbox('赵敏');
    expect(Harness.textOf(reply!)).toContain('不在平时考核名单中');
  });
});
