import { afterEach, describe, expect, it } from 'vitest';
import { orgSyncConfirm } from '../../src/features/org/org-actions';
import { newId } from '../../src/core/ids';
import { buttonValue, cardOf, cardsTitled, expectToast } from '../helpers/cards';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';

/**
 * /同步 against the demo organisation (13 people: 王建国 heads 某市某局 D100; 办公室 D110 has 李明华,
 * 张丽, 陈思远 the unit admin, 刘洋 the city admin, 赵敏, 孙浩; 政策法规处 D120 has six).
 */
const D120 = ['周文涛', '吴婷', '郑凯', '王芳', '冯磊', '何静'];

/** The contact API no longer lists these people (out of the app's contact range, or gone). */
function hideFromDirectory(h: Harness, names: string[]) {
  for (const name of names) h.person(name).department_ids = ['OUT_OF_SCOPE'];
}

function showInDirectory(h: Harness, names: string[], unitId: string) {
  for (const name of names) h.person(name).department_ids = [unitId];
}

const lastText = (h: Harness, name: string) => Harness.textOf(h.inbox(name).at(-1)!);

/** Who is active, and the audit of every deactivation and reactivation: what a refused run must leave alone. */
async function orgState(h: Harness) {
  const people = await h.db.selectFrom('people').select(['name', 'active', 'leader_open_id', 'unit_id']).orderBy('open_id').execute();
  const audits = await h.db.selectFrom('audit_log').select(['action', 'entity_id', 'actor']).where('action', 'like', 'org.%').orderBy('id').execute();
  return { people, audits };
}

const activeNames = async (h: Harness) =>
  (await h.db.selectFrom('people').select('name').where('active', '=', 1).execute()).map((p) => p.name).sort();

describe.each(dialectsUnderTest())('/同步 safety (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('refuses an empty directory, naming the likely missing scope, and changes nothing', async () => {
    h = await Harness.start({ dialect });
    const before = await orgState(h);
    h.sandbox.org.departments.splice(0);
    for (const caller of ['刘洋', '陈思远']) {
      await h.say(caller, '/同步');
      expect(lastText(h, caller)).toContain('通讯录没有返回任何人员');
      expect(lastText(h, caller)).toContain('contact:contact.base:readonly');
      expect(lastText(h, caller)).toContain('本次未做任何更改');
    }
    expect(await orgState(h)).toEqual(before);
  });

  it("lets a unit admin's sync of a partial directory change only their own units, and refuses one without them", async () => {
    h = await Harness.start({ dialect });
    hideFromDirectory(h, D120);
    const before = await orgState(h);
    await h.say('陈思远', '同步');
    expect(lastText(h, '陈思远')).toContain('同步完成');
    expect(lastText(h, '陈思远')).toContain('停用 0');
    expect(lastText(h, '陈思远')).toContain('其他单位还有 6 处变动不在您的管理范围内');
    expect(await orgState(h)).toEqual(before);

    showInDirectory(h, D120, 'D120');
    hideFromDirectory(h, ['李明华', '张丽', '陈思远', '刘洋', '赵敏', '孙浩']);
    await h.say('陈思远', '同步');
    expect(lastText(h, '陈思远')).toContain('通讯录没有返回办公室及其下级单位的任何人员');
    expect(await orgState(h)).toEqual(before);
  });

  it("stops an admin's sync that would deactivate a whole division with a confirm card, and applies it once confirmed", async () => {
    h = await Harness.start({ dialect });
    hideFromDirectory(h, D120);
    const before = await orgState(h);
    await h.say('刘洋', '同步');
    const [preview] = cardsTitled(h, '刘洋', '同步前请确认');
    const text = Harness.textOf(cardOf(preview!));
    expect(text).toContain('将停用 6 人，占在职 13 人的 46%，超过 10%');
    expect(text).toContain('其中 6 人不在您所在的单位及其下级单位');
    expect(text).toContain('政策法规处：');
    for (const name of D120) expect(text).toContain(name);
    expect(await orgState(h)).toEqual(before);

    const res = await h.click('刘洋', preview!, buttonValue(cardOf(preview!), orgSyncConfirm));
    expectToast(res, 'success', '停用 6');
    expect(Harness.textOf(res.card!.data)).toContain('同步完成');
    expect(await activeNames(h)).toEqual(['刘洋', '孙浩', '张丽', '李明华', '王建国', '赵敏', '陈思远'].sort());
    const deactivations = (await orgState(h)).audits.filter((a) => a.action === 'org.person.deactivate');
    expect(deactivations).toHaveLength(6);
    expect(new Set(deactivations.map((a) => a.actor))).toEqual(new Set([h.person('刘洋').open_id]));
  });

  it('never deactivates the caller: kept with a note when few go, and kept when the rest needs confirming', async () => {
    h = await Harness.start({ dialect });
    hideFromDirectory(h, ['刘洋', '孙浩']);
    await h.say('刘洋', '同步');
    expect(lastText(h, '刘洋')).toContain('停用 1');
    expect(lastText(h, '刘洋')).toContain('您的账号已保留');
    expect(await activeNames(h)).not.toContain('孙浩');
    expect(await activeNames(h)).toContain('刘洋');

    // 办公室 has five active people left (孙浩 is gone): the unit admin's run would deactivate 1 of 5 = 20 %.
    showInDirectory(h, ['刘洋'], 'D110');
    hideFromDirectory(h, ['陈思远', '赵敏']);
    await h.say('陈思远', '同步');
    const [preview] = cardsTitled(h, '陈思远', '同步前请确认');
    expect(Harness.textOf(cardOf(preview!))).toContain('您的账号已保留');
    expectToast(await h.click('陈思远', preview!, buttonValue(cardOf(preview!), orgSyncConfirm)), 'success', '停用 1');
    expect(await activeNames(h)).toContain('陈思远');
    expect(await activeNames(h)).not.toContain('赵敏');
  });

  it('asks before deactivating anyone outside the caller’s own units, however few', async () => {
    h = await Harness.start({ dialect });
    hideFromDirectory(h, ['冯磊']);
    await h.say('刘洋', '同步');
    const [preview] = cardsTitled(h, '刘洋', '同步前请确认');
    const text = Harness.textOf(cardOf(preview!));
    expect(text).toContain('其中 1 人不在您所在的单位及其下级单位');
    expect(text).not.toContain('超过 10%');
    expect(await activeNames(h)).toContain('冯磊');
  });

  it('refuses a confirm card that is forged, someone else’s, outdated or expired, and applies a confirmed one once', async () => {
    h = await Harness.start({ dialect });
    hideFromDirectory(h, D120);
    await h.say('刘洋', '同步');
    const preview = cardsTitled(h, '刘洋', '同步前请确认')[0]!;
    const value = buttonValue(cardOf(preview), orgSyncConfirm);
    const before = await orgState(h);

    const { rev: _rev, ...withoutRev } = value;
    expectToast(await h.click('刘洋', preview, withoutRev), 'error', '卡片已失效');
    expectToast(await h.click('刘洋', preview, { ...value, rev: '0000000000000000' }), 'error', '卡片已失效');
    expectToast(await h.click('陈思远', preview, value), 'error', '只有发起这次同步的管理员本人可以确认');
    expect(await orgState(h)).toEqual(before);

    // 陈思远 syncs his own unit after a rename: the held change set would now undo it, so it is stale.
    h.person('赵敏').name = '赵敏敏';
    await h.say('陈思远', '同步');
    expect(lastText(h, '陈思远')).toContain('更新 1');
    const renamed = await orgState(h);
    expectToast(await h.click('刘洋', preview, value), 'error', '组织信息在预览之后已有变化');
    expect(await orgState(h)).toEqual(renamed);

    await h.say('刘洋', '同步');
    const fresh = cardsTitled(h, '刘洋', '同步前请确认').at(-1)!;
    const freshValue = buttonValue(cardOf(fresh), orgSyncConfirm);
    h.clock.set(new Date(h.clock.now().getTime() + 61 * 60_000).toISOString());
    expectToast(await h.click('刘洋', fresh, freshValue), 'error', '超过 60 分钟');

    await h.say('刘洋', '同步');
    const last = cardsTitled(h, '刘洋', '同步前请确认').at(-1)!;
    const lastValue = buttonValue(cardOf(last), orgSyncConfirm);
    const answers = await Promise.all([h.click('刘洋', last, lastValue), h.click('刘洋', last, lastValue)]);
    expect(answers.map((a) => a.toast?.type).sort()).toEqual(['info', 'success']);
    expect(answers.find((a) => a.toast?.type === 'info')!.toast!.content).toContain('已经确认执行过');
    expect((await orgState(h)).audits.filter((a) => a.action === 'org.person.deactivate')).toHaveLength(6);
  });

  it('reactivates people who reappear, with their history, and audits both', async () => {
    h = await Harness.start({ dialect });
    const feng = h.person('冯磊').open_id;
    await h.db
      .insertInto('weekly_logs')
      .values({ id: newId('wl'), open_id: feng, week_key: '2026-W46', done: '起草规范性文件', plan: '', bonus_claim: null, status: 'submitted', late: 0, revision: 1, submitted_at: '2026-11-13T07:00:00.000Z', updated_at: '2026-11-13T07:00:00.000Z', reviewer_open_id: null, review_comment: null, reviewed_at: null })
      .execute();
    hideFromDirectory(h, D120);
    await h.say('刘洋', '同步');
    const preview = cardsTitled(h, '刘洋', '同步前请确认')[0]!;
    await h.click('刘洋', preview, buttonValue(cardOf(preview), orgSyncConfirm));
    expect(await activeNames(h)).not.toContain('冯磊');

    showInDirectory(h, D120, 'D120');
    await h.say('刘洋', '同步');
    expect(lastText(h, '刘洋')).toContain('重新启用 6');
    expect(await activeNames(h)).toContain('冯磊');
    expect(await h.db.selectFrom('weekly_logs').select('done').where('open_id', '=', feng).execute()).toEqual([{ done: '起草规范性文件' }]);
    const trail = await h.db.selectFrom('audit_log').select('action').where('entity_id', '=', feng).orderBy('at').orderBy('id').execute();
    expect(trail.map((t) => t.action)).toEqual(['org.person.add', 'org.person.deactivate', 'org.person.reactivate']);
  });

  it('refuses a directory whose leaders form a cycle, naming the people, and changes nothing', async () => {
    h = await Harness.start({ dialect });
    const before = await orgState(h);
    h.person('赵敏').leader_user_id = h.person('孙浩').open_id;
    h.person('孙浩').leader_user_id = h.person('赵敏').open_id;
    await h.say('刘洋', '同步');
    const text = lastText(h, '刘洋');
    expect(text).toContain('直属上级关系构成循环');
    expect(text).toMatch(/赵敏 → 孙浩 → 赵敏|孙浩 → 赵敏 → 孙浩/);
    expect(await orgState(h)).toEqual(before);
  });
});
