import { afterEach, describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/core/audit';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { logRow, review, sayAt, submitForm, textsOf } from './helpers';
import { cardOf, cardsOf } from '../helpers/cards';
import { weeklyConfirm, weeklyEdit } from '../../src/features/weekly/weekly-actions';

const W47 = '2026-W47';
const reviewCards = (h: Harness) => cardsOf(h, '李明华').filter((m) => Harness.textOf(m).includes('赵敏'));

describe.each(dialectsUnderTest())('supervisor confirm and return (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('an amendment updates the one supervisor card; after 确认 the record is locked with a clear message', async () => {
    h = await Harness.start({ dialect, now: '2026-11-18T10:00:00+08:00' });
    await h.say('赵敏', '周记 起草会议纪要');
    await sayAt(h, '2026-11-19T10:00:00+08:00', '赵敏', '周记 起草会议纪要并印发\n下周计划：筹备年终总结会');
    expect(textsOf(h, '赵敏').at(-1)).toContain('第 2 版');
    // One card per record, patched in place with the amendment.
    expect(reviewCards(h)).toHaveLength(1);
    const card = reviewCards(h)[0]!;
    expect(card.patches.length).toBeGreaterThan(0);
    expect(Harness.textOf(card)).toContain('起草会议纪要并印发');
    expect(Harness.textOf(card)).toContain('第 2 版');
    // She also has the form open (to amend again later).
    await h.say('赵敏', '周记');
    const openForm = cardsOf(h, '赵敏').at(-1)!;

    const answer = await review(h, '李明华', card, 'confirm', '很好');
    expect(answer.toast).toMatchObject({ type: 'success', content: '已确认赵敏的周记' });
    const readOnly = JSON.stringify(answer.card!.data);
    expect(readOnly).toContain('已确认');
    expect(readOnly).not.toContain('weekly.confirm');
    expect(await logRow(h, '赵敏', W47)).toMatchObject({ status: 'confirmed', revision: 2, review_comment: '很好' });
    expect(textsOf(h, '赵敏').at(-1)).toContain('李明华已确认您2026年第47周');

    const before = await logRow(h, '赵敏', W47);
    await h.say('赵敏', '周记 再改一下');
    expect(textsOf(h, '赵敏').at(-1)).toBe('本周周记已由主管确认，不能再修改。如需更正请联系主管退回。');
    // The form route is refused the same way: asking for the form, or submitting one opened before.
    await h.say('赵敏', '周记');
    expect(textsOf(h, '赵敏').at(-1)).toBe('本周周记已由主管确认，不能再修改。如需更正请联系主管退回。');
    const refused = await submitForm(h, '赵敏', openForm, { done: '表单再改' });
    expect(refused.toast).toMatchObject({ type: 'error', content: '本周周记已由主管确认，不能再修改。如需更正请联系主管退回。' });
    expect(await logRow(h, '赵敏', W47)).toEqual(before);

    const trail = await auditTrail(h.db, 'weekly_log', before!.id);
    expect(trail.map((a) => a.action)).toEqual(['weekly.submit', 'weekly.amend', 'weekly.confirm']);
  });

  it('a card action from the wrong person changes nothing', async () => {
    h = await Harness.start({ dialect, now: '2026-11-19T10:00:00+08:00' });
    await h.say('赵敏', '周记 整理档案');
    const card = reviewCards(h)[0]!;
    const before = await logRow(h, '赵敏', W47);

    // A colleague, another 处室's supervisor, and the author herself, all clicking the forwarded card.
    for (const clicker of ['孙浩', '周文涛', '赵敏']) {
      for (const decision of ['confirm', 'return'] as const) {
        const answer = await review(h, clicker, card, decision, '越权操作');
        expect(answer.toast).toMatchObject({ type: 'error', content: '只有本人的直接主管或本单位考核管理员可以确认或退回这份周记。' });
        expect(answer.card).toBeUndefined();
      }
    }
    // A forged id or revision is refused too.
    const forged = await h.click('李明华', card, { a: weeklyConfirm.id, id: 'wl_nonexistent', rev: 1 }, { comment: '' });
    expect(forged.toast?.type).toBe('error');
    const stale = await h.click('李明华', card, { a: weeklyConfirm.id, id: before!.id, rev: 7 }, { comment: '' });
    expect(stale.toast?.content).toContain('刚刚修改');

    expect(await logRow(h, '赵敏', W47)).toEqual(before);
    expect((await auditTrail(h.db, 'weekly_log', before!.id)).map((a) => a.action)).toEqual(['weekly.submit']);
    expect(textsOf(h, '赵敏').join()).not.toContain('退回');

    // The unit's 考核管理员 may confirm; the supervisor's card then turns read-only as well.
    const admin = await review(h, '陈思远', card, 'confirm');
    expect(admin.toast?.type).toBe('success');
    expect(await logRow(h, '赵敏', W47)).toMatchObject({ status: 'confirmed', reviewer_open_id: h.person('陈思远').open_id });
    expect(JSON.stringify(cardOf(reviewCards(h)[0]!))).not.toContain('weekly.confirm');
  });

  it('退回 needs a comment; the author is told why and may resubmit', async () => {
    h = await Harness.start({ dialect, now: '2026-11-19T10:00:00+08:00' });
    await h.say('赵敏', '周记 写了一点');
    const card = reviewCards(h)[0]!;
    const noComment = await review(h, '李明华', card, 'return', '  ');
    expect(noComment.toast).toMatchObject({ type: 'error', content: expect.stringContaining('退回时请在“意见”中写明') });
    expect(await logRow(h, '赵敏', W47)).toMatchObject({ status: 'submitted' });

    const returned = await review(h, '李明华', card, 'return', '请写明完成的具体事项');
    expect(returned.toast?.content).toContain('已退回');
    const notice = cardsOf(h, '赵敏').at(-1)!;
    expect(Harness.textOf(notice)).toContain('请写明完成的具体事项');
    expect(await logRow(h, '赵敏', W47)).toMatchObject({ status: 'returned' });

    // 修改周记 on the notice opens the form with the comment; resubmitting goes back to 待确认.
    const reopened = await h.click('赵敏', notice, { a: weeklyEdit.id, week: W47 });
    expect(Harness.textOf(reopened.card!.data)).toContain('主管退回意见');
    h.clock.set('2026-11-19T11:00:00+08:00');
    const resubmitted = await submitForm(h, '赵敏', { ...notice, card: reopened.card!.data }, { done: '完成三项：起草、校对、印发' });
    expect(resubmitted.toast?.type).toBe('success');
    expect(await logRow(h, '赵敏', W47)).toMatchObject({ status: 'submitted', revision: 2, review_comment: null, late: 0 });
    expect(reviewCards(h)).toHaveLength(1);
    expect(JSON.stringify(cardOf(reviewCards(h)[0]!))).toContain('weekly.confirm');
    const trail = await auditTrail(h.db, 'weekly_log', (await logRow(h, '赵敏', W47))!.id);
    expect(trail.map((a) => [a.action, a.reason])).toEqual([
      ['weekly.submit', null],
      ['weekly.return', '请写明完成的具体事项'],
      ['weekly.resubmit', null],
    ]);
  });
});
