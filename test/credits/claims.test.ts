import { afterEach, describe, expect, it } from 'vitest';
import { buildOrg } from '../../src/sandbox';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { claimApprove, claimReject, claimSubmit } from '../../src/features/credits/credits-actions';

const FORM = { title: '依法行政专题培训班', date: '2026-11-10', hours: '2天', kind: 'offline', note: '市委党校举办，有结业证书' };

describe.each(dialectsUnderTest())('学时申报 and approval (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  const claims = () => h.db.selectFrom('training_records').selectAll().where('source', '=', 'claim').orderBy('created_at').execute();
  const auditActions = async () =>
    (await h.db.selectFrom('audit_log').select('action').where('action', 'like', 'credits.claim.%').orderBy('at').orderBy('id').execute()).map((r) => r.action);

  /** Sends `学时申报` as `name` and submits the form; returns the callback answer. */
  async function claim(name: string, form: Record<string, string>) {
    await h.say(name, '/学时申报');
    const { message } = h.lastCard(name);
    return h.click(name, message, { a: claimSubmit.id }, form);
  }

  const approvalCardOf = (name: string) => {
    const cards = h.inbox(name).filter((m) => m.msg_type === 'interactive' && Harness.textOf(m).includes('学时申报待审核'));
    const message = cards.at(-1);
    if (!message) throw new Error(`${name} has no approval card`);
    return message;
  };

  it('a claim approved by the unit admin counts; nobody else can decide it; a double click has one effect', async () => {
    h = await Harness.start({ dialect });
    const answer = await claim('赵敏', FORM);
    expect(answer.toast).toMatchObject({ type: 'success' });
    expect(Harness.textOf(answer.card!.data)).toContain('学时申报已提交');
    const [stored] = await claims();
    expect(stored).toMatchObject({ open_id: h.person('赵敏').open_id, status: 'pending', kind: 'offline', required: 0, date: '2026-11-10' });
    expect(Number(stored!.hours)).toBe(16);

    // Pending hours are shown but not counted.
    await h.say('赵敏', '/学分');
    const pendingCard = Harness.textOf(h.lastCard('赵敏').card);
    expect(pendingCard).toContain('**集中培训** 0 / 90 学时');
    expect(pendingCard).toContain('待审核 16 学时');

    // The unit's 考核管理员 gets the card; the city admin does not, since the unit has its own.
    const card = approvalCardOf('陈思远');
    expect(Harness.textOf(card)).toContain('赵敏');
    expect(Harness.textOf(card)).toContain('依法行政专题培训班');
    expect(h.inbox('刘洋').some((m) => Harness.textOf(m).includes('学时申报待审核'))).toBe(false);

    // A colleague, and an admin of another unit's kind, cannot decide it, whatever the card value says.
    for (const outsider of ['孙浩', '吴婷', '李明华']) {
      const refused = await h.click(outsider, card, { a: claimApprove.id, id: stored!.id });
      expect(refused.toast).toMatchObject({ type: 'error', content: '仅申报人所在单位的考核管理员可审核这条申报。' });
    }
    expect((await claims())[0]!.status).toBe('pending');

    const approved = await h.click('陈思远', card, { a: claimApprove.id, id: stored!.id }, { reason: '' });
    expect(approved.toast).toMatchObject({ type: 'success', content: '已批准，已通知申报人。' });
    expect(Harness.textOf(approved.card!.data)).toContain('已批准（陈思远）');
    const twice = await h.click('陈思远', card, { a: claimApprove.id, id: stored!.id }, { reason: '' });
    expect(twice.toast).toMatchObject({ type: 'info' });
    const rejectAfter = await h.click('陈思远', card, { a: claimReject.id, id: stored!.id }, { reason: '改主意' });
    expect(rejectAfter.toast?.content).toContain('此前已处理（已批准）');

    expect((await claims())[0]).toMatchObject({ status: 'approved', decided_by: h.person('陈思远').open_id });
    expect(await auditActions()).toEqual(['credits.claim.submit', 'credits.claim.approve']);
    const told = h.inbox('赵敏').filter((m) => Harness.textOf(m).includes('已由陈思远批准'));
    expect(told).toHaveLength(1);

    await h.say('赵敏', '/学分');
    const counted = Harness.textOf(h.lastCard('赵敏').card);
    expect(counted).toContain('**集中培训** 16 / 90 学时');
    expect(counted).toContain('依法行政专题培训班');
    expect(counted).toContain('已计入');
  });

  it('a rejection needs a reason, which the claimant is told privately', async () => {
    h = await Harness.start({ dialect });
    await claim('孙浩', { ...FORM, title: '档案管理讲座', hours: '3', kind: 'lecture' });
    const [stored] = await claims();
    const card = approvalCardOf('陈思远');

    const noReason = await h.click('陈思远', card, { a: claimReject.id, id: stored!.id }, { reason: '  ' });
    expect(noReason.toast).toMatchObject({ type: 'error' });
    expect(noReason.toast!.content).toContain('驳回时请在“驳回理由”中写明理由');
    expect((await claims())[0]!.status).toBe('pending');

    const rejected = await h.click('陈思远', card, { a: claimReject.id, id: stored!.id }, { reason: '未提供培训证明' });
    expect(rejected.toast).toMatchObject({ type: 'success', content: '已驳回，已通知申报人。' });
    expect((await claims())[0]).toMatchObject({ status: 'rejected', decision_note: '未提供培训证明' });
    expect(await auditActions()).toEqual(['credits.claim.submit', 'credits.claim.reject']);
    const told = h.inbox('孙浩').filter((m) => m.msg_type === 'text' && Harness.textOf(m).includes('未获批准'));
    expect(told).toHaveLength(1);
    expect(Harness.textOf(told[0]!)).toContain('理由：未提供培训证明');
    // Nobody else hears about it.
    expect(h.inbox('赵敏').some((m) => Harness.textOf(m).includes('档案管理讲座'))).toBe(false);

    await h.say('孙浩', '/学分');
    const view = Harness.textOf(h.lastCard('孙浩').card);
    expect(view).toContain('**集中培训** 0 / 90 学时');
    expect(view).toContain('已驳回，理由：未提供培训证明');
  });

  it('a unit without its own 考核管理员 is handled by the admins; other units’ admins are refused', async () => {
    h = await Harness.start({ dialect });
    await claim('郑凯', FORM);
    const [stored] = await claims();
    const card = approvalCardOf('刘洋');
    const refused = await h.click('陈思远', card, { a: claimApprove.id, id: stored!.id });
    expect(refused.toast).toMatchObject({ type: 'error' });
    const approved = await h.click('刘洋', card, { a: claimApprove.id, id: stored!.id }, {});
    expect(approved.toast).toMatchObject({ type: 'success' });
    expect((await claims())[0]!.status).toBe('approved');
  });

  it('with two 考核管理员, both get the card and the second one’s card shows who decided', async () => {
    const org = buildOrg({
      units: [
        {
          id: 'D300',
          name: '综合处',
          leader: { name: '钱处长' },
          staff: [
            { name: '甲管理员', roles: ['staff', 'unit_admin'] },
            { name: '乙管理员', roles: ['staff', 'unit_admin'] },
            { name: '丙科员' },
          ],
        },
      ],
    });
    h = await Harness.start({ dialect, org });
    await claim('丙科员', FORM);
    const [stored] = await claims();
    const first = approvalCardOf('甲管理员');
    approvalCardOf('乙管理员');
    await h.click('甲管理员', first, { a: claimApprove.id, id: stored!.id }, {});
    const { card } = h.lastCard('乙管理员');
    expect(Harness.textOf(card)).toContain('已批准（甲管理员）');
    expect(JSON.stringify(card)).not.toContain(claimApprove.id);
    // A unit admin's own claim goes to the other one only.
    await claim('甲管理员', { ...FORM, title: '另一项培训' });
    // Judged on what the bot sent (a clicked form shows the callback's card afterwards, as in Lark).
    expect(h.inbox('甲管理员').filter((m) => Harness.textOf(m.content as Record<string, unknown>).includes('另一项培训'))).toHaveLength(0);
    expect(Harness.textOf(approvalCardOf('乙管理员'))).toContain('另一项培训');
  });

  it('keeps what was typed when the form is wrong, stores nothing, and refuses a duplicate claim', async () => {
    h = await Harness.start({ dialect });
    const bad = await claim('赵敏', { ...FORM, hours: '0', date: '2026-12-31' });
    expect(bad.toast).toMatchObject({ type: 'error' });
    const form = Harness.textOf(bad.card!.data);
    expect(form).toContain('请修改后重新提交');
    expect(form).toContain('晚于今天');
    expect(form).toContain('须大于 0');
    expect(JSON.stringify(bad.card!.data)).toContain('依法行政专题培训班');
    expect(JSON.stringify(bad.card!.data)).toContain('市委党校举办');
    expect(await claims()).toHaveLength(0);

    const online = await claim('赵敏', { ...FORM, kind: 'online' });
    expect(online.toast!.content).toContain('网络学习由培训平台导入');

    expect((await claim('赵敏', FORM)).toast).toMatchObject({ type: 'success' });
    const again = await claim('赵敏', FORM);
    expect(again.toast).toMatchObject({ type: 'info', content: '这条申报已提交，正在审核中。' });
    expect(await claims()).toHaveLength(1);
    expect(h.inbox('陈思远').filter((m) => Harness.textOf(m).includes('学时申报待审核'))).toHaveLength(1);
  });

  it('a card value naming a record that is not a claim, or nothing, changes nothing', async () => {
    h = await Harness.start({ dialect });
    await claim('赵敏', FORM);
    const card = approvalCardOf('陈思远');
    const missing = await h.click('陈思远', card, { a: claimApprove.id, id: 'tr_doesnotexist' });
    expect(missing.toast).toMatchObject({ type: 'error', content: '找不到这条学时申报，可能已被删除。' });
    // A value no approval card carries is answered like any stale card.
    for (const id of [42, undefined]) {
      const answer = await h.click('陈思远', card, { a: claimApprove.id, id });
      expect(answer.toast).toMatchObject({ type: 'error', content: '卡片已失效，请重新打开（请在最新的审核卡片上操作）。' });
    }
    expect((await claims())[0]!.status).toBe('pending');
  });
});
