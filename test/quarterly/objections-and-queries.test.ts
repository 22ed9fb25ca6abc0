import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/core/ids';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { CLOSE_AT, confirmAllPools, confirmPool, quarterOrg, quarterState, rawOf, seedConfirmedResult, seedQuarter, textOf, tiersOf } from './helpers';
import { buttonValue, cardOf, cardsTitled, expectToast } from '../helpers/cards';
import { objectionReject } from '../../src/features/quarterly/quarterly-actions';

const lastText = (h: Harness, name: string) => textOf(h.inbox(name).at(-1)!);

describe.each(dialectsUnderTest())('异议 and 等次 (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  async function confirmed() {
    h = await Harness.start({ dialect, org: quarterOrg(), now: '2026-06-30T10:00:00+08:00' });
    await seedQuarter(h);
    await h.runJob('quarter-close', CLOSE_AT);
    await confirmAllPools(h);
    return h;
  }

  it('/异议 says how without a reason, refuses a second open one, a repeat after the answer, and anything after the deadline', async () => {
    h = await Harness.start({ dialect, org: quarterOrg(), now: '2026-06-30T10:00:00+08:00' });
    await h.say('江海燕', '/异议 不服');
    expect(lastText(h, '江海燕')).toContain('没有已审定的季度考核结果');
    await h.close();

    await confirmed();
    h.clock.set('2026-07-09T10:00:00+08:00');
    await h.say('方文静', '/异议');
    expect(lastText(h, '方文静')).toContain('请在“/异议”后写明理由');
    expect(await h.db.selectFrom('objections').selectAll().execute()).toHaveLength(0);

    await h.say('方文静', '/异议 请求复核');
    await h.say('方文静', '/异议 再补充一点');
    expect(lastText(h, '方文静')).toContain('正在处理中，请等待答复后再提出');
    expect(await h.db.selectFrom('objections').selectAll().execute()).toHaveLength(1);
    expect(cardsTitled(h, '林管理', '异议处理')).toHaveLength(1);

    const review = cardsTitled(h, '林管理', '异议处理')[0]!;
    // An answer is required; nothing is decided without one.
    expectToast(await h.click('林管理', review, buttonValue(cardOf(review), '维持原结果'), { answer: '  ' }), 'error', '须填写答复意见');
    await h.click('林管理', review, buttonValue(cardOf(review), '维持原结果'), { answer: '维持' });
    await h.say('方文静', '/异议 还是不服');
    expect(lastText(h, '方文静')).toContain('异议已于');
    expect(lastText(h, '方文静')).toContain('维持原结果');

    // Confirmed 7月8日 + 5 workdays = 7月15日; on the 16th it is too late.
    h.clock.set('2026-07-16T09:00:00+08:00');
    await h.say('庞晓东', '/异议 请求复核');
    expect(lastText(h, '庞晓东')).toContain('期限已于 7月15日 截止');
    expect(await h.db.selectFrom('objections').selectAll().execute()).toHaveLength(1);
  });

  it('refuses objection decisions to staff, supervisors and the objector, with the database unchanged', async () => {
    await confirmed();
    h.clock.set('2026-07-09T10:00:00+08:00');
    await h.say('林管理', '/异议 本人对结果有意见');
    // An admin's own objection goes to the organ's other 考核管理员, not to himself.
    expect(cardsTitled(h, '林管理', '异议处理')).toHaveLength(0);
    expect(cardsTitled(h, '韩管理', '异议处理')).toHaveLength(1);
    await h.say('庞晓东', '/异议 请求复核');
    const review = cardsTitled(h, '林管理', '异议处理')[0]!;

    const before = await quarterState(h);
    for (const actor of ['江海燕', '庞晓东', '钱处长', '严处长']) {
      for (const [button, form] of [
        ['维持原结果', { answer: '维持' }],
        ['更正等次', { answer: '更正', tier: '好' }],
      ] as const) {
        const res = await h.click(actor, review, buttonValue(cardOf(review), button), form);
        expectToast(res, 'error', '只有该同志所在单位的考核管理员');
      }
    }
    // 林管理 cannot decide his own objection even with its id.
    const own = await h.db.selectFrom('objections').selectAll().where('open_id', '=', h.person('林管理').open_id).executeTakeFirstOrThrow();
    expectToast(await h.click('林管理', review, { a: objectionReject.id, id: own.id }, { answer: '维持' }), 'error', '本人的异议');
    expectToast(await h.click('林管理', review, { a: objectionReject.id, id: newId('ob') }, { answer: '维持' }), 'error', '不存在');
    expect(await quarterState(h)).toEqual(before);
    expect(cardsTitled(h, '庞晓东', '异议处理结果')).toHaveLength(0);
  });

  it('/等次 shows own months, determined quarters only and the annual link; others only to the chain and unit admins', async () => {
    h = await Harness.start({ dialect, org: quarterOrg(), now: '2026-06-30T10:00:00+08:00' });
    await seedQuarter(h);
    await h.runJob('quarter-close', CLOSE_AT);
    // Proposed, not yet confirmed: the quarter shows as not determined, the proposal is not shown.
    await h.say('丁建国', '/等次');
    const pending = h.inbox('丁建国').at(-1)!;
    expect(textOf(pending)).toContain('我的平时考核等次 · 2026年');
    expect(textOf(pending)).toContain('2026年4月：好，91 分');
    expect(rawOf(pending)).toContain('"quarter":"2026年第二季度","tier":"尚未审定"');

    await confirmPool(h, '一般干部');
    await h.say('丁建国', '/等次');
    const after = h.inbox('丁建国').at(-1)!;
    expect(rawOf(after)).toContain('"quarter":"2026年第二季度","tier":"较好","score":"91"');
    expect(textOf(after)).toContain('**年度评优资格**：暂不具备');
    expect(textOf(after)).toContain('平时考核“好”等次 0 次，少于评优要求的 2 次');
    expect(textOf(after)).toContain('尚未达标（年内仍可完成');

    // The chain and the organ's 考核管理员 (who determine his quarter) may look; a colleague and another team's supervisor may not.
    for (const viewer of ['钱处长', '高局长', '林管理', '韩管理', '马管理']) {
      await h.say(viewer, '/等次 丁建国');
      expect(textOf(h.inbox(viewer).at(-1)!), viewer).toContain('丁建国的平时考核等次');
    }
    for (const viewer of ['江海燕', '严处长']) {
      await h.say(viewer, '/等次 丁建国');
      expect(lastText(h, viewer), viewer).toContain('您只能查看本人的等次');
      expect(rawOf(h.inbox(viewer).at(-1)!)).not.toContain('较好');
    }
    // A name that does not exist gets the same answer as one the viewer may not see.
    await h.say('江海燕', '/等次 不存在的人');
    expect(lastText(h, '江海燕')).toContain('您只能查看本人的等次');
  });

  it('links the year: two quarters of 好 and the hours met make one eligible; hours not met at year end defer the annual tier', async () => {
    h = await Harness.start({ dialect, org: quarterOrg(), now: '2027-01-15T10:00:00+08:00' });
    const seedResult = (name: string, quarter: string, tier: string) => seedConfirmedResult(h, name, quarter, tier, { unitId: 'U1', level: '一般干部' });
    for (const [q, t] of [['2026-Q1', '好'], ['2026-Q2', '较好'], ['2026-Q3', '好'], ['2026-Q4', '较好']] as const) {
      await seedResult('江海燕', q, t);
      await seedResult('程立新', q, t);
    }
    for (const [kind, hours] of [['online', 50], ['offline', 90]] as const) {
      await h.db
        .insertInto('training_records')
        .values({
          id: newId('tr'),
          open_id: h.person('江海燕').open_id,
          year: 2026,
          date: '2026-05-10',
          title: `培训${kind}`,
          kind,
          hours,
          required: 0,
          source: 'import',
          status: 'approved',
          fingerprint: null,
          note: null,
          decided_by: null,
          decided_at: null,
          decision_note: null,
          created_at: '2026-05-10T00:00:00.000Z',
        })
        .execute();
    }
    await h.say('江海燕', '/等次');
    expect(textOf(h.inbox('江海燕').at(-1)!)).toContain('**年度评优资格**：具备');
    await h.say('程立新', '/等次');
    const text = textOf(h.inbox('程立新').at(-1)!);
    // Issue 10 item 7 (seed 002): not completed → 缓定 until completed, no 评先评优 that year.
    expect(text).toContain('学时未达标（集中培训差 90 学时、网络学习差 50 学时），年度等次缓定，待培训任务完成后再确定，当年不得评先评优');
    expect(text).toContain('未达标（集中培训差 90 学时、网络学习差 50 学时），年度等次缓定，2027-03-31 前完成的培训可计入补学');
    expect(text).toContain('**年度等次缓定**');

    const rows = [];
    for await (const r of h.app.ledger('annual-eligibility')!.rows(h.app.deps, '2026')) rows.push(r);
    expect(rows.find((r) => r.name === '江海燕')).toMatchObject({ good_quarters: 2, low_quarters: 0, credits_met: 1, eligible_excellent: 1, reason: '', deferred: 0 });
    expect(rows.find((r) => r.name === '程立新')).toMatchObject({
      good_quarters: 2,
      credits_met: 0,
      eligible_excellent: 0,
      reason: '学时未达标（集中培训差 90 学时、网络学习差 50 学时），年度等次缓定，待培训任务完成后再确定，当年不得评先评优',
      deferred: 1,
    });
    expect((await tiersOf(h, '2026-Q3'))['江海燕']).toMatchObject({ tier: '好' });
  });
});
