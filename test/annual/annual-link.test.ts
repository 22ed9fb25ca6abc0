import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/core/ids';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { cardsTitled } from '../helpers/cards';
import { captureIo, tempDir } from '../credits/flow-helpers';
import { seedConfirmedResult } from '../quarterly/helpers';

/**
 * Issue 10 item 7: the annual link per person — 优秀 eligibility with every reason (≥ 2 好, no
 * 一般/较差, training met, no sanction in its 影响期, leave under half the workdays), 缓定 while the
 * year's training is unmet and cleared by 补学 in the next year, and the year-end card to the organ's
 * 考核管理员 with the eligible list, the 优秀 ceiling (reduced for an organ short of training) and who
 * is 缓定.
 */

// A 2027 schedule for the test (the package has none yet): the jobs need 2027's days.
const RULES = { calendar: { extra_holidays: ['2027-01-01'], extra_workdays: ['2027-02-20'] } };

describe.each(dialectsUnderTest())('年度衔接 (%s)', (dialect) => {
  let h: Harness;
  let tmp: ReturnType<typeof tempDir>;
  afterEach(async () => {
    await h?.close();
    tmp?.remove();
  });

  async function seedYear(tiers: Record<string, string[]>) {
    for (const u of h.org.users) {
      const row = tiers[u.name] ?? ['较好', '较好', '较好', '较好'];
      for (const [i, tier] of row.entries()) await seedConfirmedResult(h, u.name, `2026-Q${i + 1}`, tier, { scopeId: 'D100' });
    }
  }

  async function run(importer: string, text: string, skipBad = false) {
    const io = captureIo();
    const path = tmp.file(`${importer}-${newId('f')}.csv`, text);
    try {
      await h.app.importer(importer)!.run(h.app.deps, path, { skipBad, actor: 'cli' }, io);
      return { ok: true, out: io.stdout(), err: io.stderr() };
    } catch (e) {
      return { ok: false, out: (e as Error).message, err: io.stderr() };
    }
  }

  async function annualRows() {
    const rows: Array<Record<string, unknown>> = [];
    for await (const r of h.app.ledger('annual-eligibility')!.rows(h.app.deps, '2026')) rows.push(r);
    return new Map(rows.map((r) => [r.name as string, r]));
  }

  it('gives each person every reason, defers the annual tier for training, clears it by a January record, and sends the organ its year-end card', async () => {
    tmp = tempDir();
    h = await Harness.start({ dialect, rules: RULES, now: '2027-01-15T10:00:00+08:00' });
    const good = ['好', '好', '较好', '较好'];
    await seedYear({ 赵敏: good, 孙浩: good, 郑凯: good, 王芳: good, 冯磊: good, 何静: good });
    const id = (name: string) => h.person(name).open_id;

    // Training: 2026 records, with the optional 结业考试 result column.
    const full = (name: string) => [`${id(name)},2026-04-01,轮训,offline,90,0,`, `${id(name)},2026-05-01,网络专题,online,50,0,`];
    const training = [
      'open_id,date,title,kind,hours,required,result',
      ...['赵敏', '王芳', '冯磊', '李明华', '张丽', '陈思远', '刘洋', '王建国', '周文涛', '吴婷'].flatMap(full),
      `${id('孙浩')},2026-05-01,网络专题,online,90,0,`, // 90 online, no concentrated training: not met
      `${id('郑凯')},2026-04-01,轮训,offline,90,0,pass`,
      `${id('郑凯')},2026-05-01,网络专题,online,30,0,`, // 20 online short
      `${id('何静')},2026-04-01,轮训,offline,90,0,不合格`, // failed exam: does not count
      `${id('何静')},2026-05-01,网络专题,online,50,0,`,
    ].join('\n');
    expect((await run('training', training)).ok).toBe(true);

    // Sanctions: a bad row refuses the file; then the good rows, once.
    const sanctions = ['open_id,kind,start_date,end_date,note', `${id('王芳')},诫勉,2026-03-01,2026-08-31,谈话提醒`, `${id('冯磊')},罚款,2026-03-01,2026-08-31,`].join('\n');
    const refused = await run('sanctions', sanctions);
    expect(refused.ok).toBe(false);
    expect(refused.err).toContain('第 3 行：类型“罚款”无效');
    expect(await h.db.selectFrom('sanctions').selectAll().execute()).toHaveLength(0);
    expect((await run('sanctions', sanctions, true)).out).toContain('新增 1 条');
    expect((await run('sanctions', sanctions, true)).out).toContain('新增 0 条，已存在 1 条');
    expect(await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'annual.sanction.import').execute()).toHaveLength(1);

    // Leave over half of 2026's workdays.
    expect((await run('leave', ['open_id,start_date,end_date,kind,note', `${id('冯磊')},2026-02-01,2026-09-30,病假,`].join('\n'))).ok).toBe(true);

    const rows = await annualRows();
    expect(rows.get('赵敏')).toMatchObject({ good_quarters: 2, credits_met: 1, eligible_excellent: 1, deferred: 0, reason: '' });
    expect(rows.get('孙浩')).toMatchObject({ credits_met: 0, eligible_excellent: 0, deferred: 1 });
    expect(rows.get('孙浩')!.reason).toContain('学时未达标（集中培训差 90 学时），年度等次缓定');
    expect(rows.get('郑凯')).toMatchObject({ credits_met: 0, deferred: 1 });
    expect(rows.get('郑凯')!.reason).toContain('网络学习差 20 学时');
    expect(rows.get('何静')).toMatchObject({ credits_met: 0, deferred: 1 });
    expect(rows.get('何静')!.reason).toContain('集中培训差 90 学时');
    expect(rows.get('王芳')).toMatchObject({ credits_met: 1, eligible_excellent: 0, deferred: 0, reason: '受诫勉，影响期 2026-03-01 至 2026-08-31，影响期内不能评为优秀' });
    expect(rows.get('冯磊')).toMatchObject({ eligible_excellent: 0 });
    expect(rows.get('冯磊')!.reason).toMatch(/^病事假累计 1\d\d 个工作日，超过全年 2\d\d 个工作日的一半，不参加评优$/);
    expect(rows.get('张丽')).toMatchObject({ good_quarters: 0, eligible_excellent: 0, deferred: 0 });

    // The year-end card, on the first workday on or after 20 January, to the organ's 考核管理员.
    expect((await h.runJob('annual-review', '2027-01-20T08:59:00+08:00')).status).toBe('not-due');
    const outcome = await h.runJob('annual-review', '2027-01-20T09:00:00+08:00');
    expect(outcome).toMatchObject({ status: 'done', periodKey: '2026' });
    const card = Harness.textOf(cardsTitled(h, '陈思远', '年度考核衔接 · 某市某局 · 2026年')[0]!);
    // 13 take part; 10 met the training (孙浩, 郑凯, 何静 did not): 20 % is cut by 5 points → floor(15 % × 13) = 1.
    expect(card).toContain('**参加年度考核**：13 人　**“优秀”等次上限**：1 人（13 人 × 15%，向下取整（依据：国家规定））');
    expect(card).toContain('本机关学时达标 10/13 人（76.9%），低于 100%，优秀比例核减 5%（依据：本系统默认）');
    expect(card).toContain('**具备评优资格（1 人）**：赵敏（办公室）');
    expect(card).toContain('**年度等次缓定（3 人，年度培训任务未完成）**');
    expect(card).toContain('郑凯（政策法规处，网络学习差 20 学时）');
    expect(card).toContain('2027-03-31 前补学完成的可解除缓定');
    expect(cardsTitled(h, '赵敏', '年度考核衔接')).toHaveLength(0);
    expect((await h.runJob('annual-review', '2027-01-21T09:00:00+08:00')).status).toBe('already-done');

    // 郑凯 finishes his online hours in January: the 缓定 is cleared; 评先评优 stays lost (seed 002).
    h.clock.set('2027-01-25T10:00:00+08:00');
    expect((await run('training', ['open_id,date,title,kind,hours,required', `${id('郑凯')},2027-01-22,网络补学,online,20,0`].join('\n'))).ok).toBe(true);
    const after = await annualRows();
    expect(after.get('郑凯')).toMatchObject({ credits_met: 0, eligible_excellent: 0, deferred: 0, reason: '年度培训任务在次年补学完成，缓定已解除；按规定当年不得评先评优' });
    expect(after.get('孙浩')).toMatchObject({ deferred: 1 });
    await h.say('郑凯', '/等次');
    expect(Harness.textOf(h.inbox('郑凯').at(-1)!)).toContain('当年未达标，已于次年补学完成（缓定已解除）');
  });
});
