import { afterEach, describe, expect, it } from 'vitest';
import { weeklyConfirm, weeklySubmit } from '../../src/features/weekly/weekly-actions';
import { buttonValue, expectToast } from '../helpers/cards';
import { InProcess } from '../helpers/in-process';

/** The dispatcher driven directly, without HTTP: the typed-action contract, one answer for every stale card. */
describe('dispatching without the webhook', () => {
  let p: InProcess;
  afterEach(async () => p?.close());

  it('answers a command and runs a card action with its parsed value and form', async () => {
    p = await InProcess.start();
    await p.say('赵敏', '周记');
    const [form] = await p.queuedFor('赵敏');
    expect(form?.kind).toBe('card');
    const value = buttonValue(form!.content, weeklySubmit);
    expect(value).toEqual({ a: 'weekly.submit', week: '2026-W47', rev: 0 });

    const answer = await p.click('赵敏', value, { done: '起草年度总结', plan: '', bonus: '' });
    expectToast(answer, 'success', '周记已提交');
    const row = await p.app.deps.db.selectFrom('weekly_logs').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ done: '起草年度总结', revision: 1 });
    // The supervisor's review card carries the record and its revision.
    const [review] = await p.queuedFor('李明华');
    expect(buttonValue(review!.content, weeklyConfirm)).toEqual({ a: 'weekly.confirm', id: row.id, rev: 1 });
  });

  it('answers a stale, malformed or unknown card value with the same toast and changes nothing', async () => {
    p = await InProcess.start();
    await p.say('赵敏', '周记');
    const value = buttonValue((await p.queuedFor('赵敏'))[0]!.content, weeklySubmit);
    await p.say('赵敏', '周记 先用聊天提交了');
    const before = await p.app.deps.db.selectFrom('weekly_logs').selectAll().execute();

    const answers = [
      // The form was built before the chat submission (revision 0): it would overwrite a record its writer never saw.
      await p.click('赵敏', value, { done: '表单里的另一个版本' }),
      await p.click('赵敏', { ...value, rev: 'one' }, { done: 'x' }),
      await p.click('赵敏', { a: weeklySubmit.id }, { done: 'x' }),
      await p.click('赵敏', value, { done: { text: 'x' } }),
    ];
    for (const a of answers) expectToast(a, 'error', '卡片已失效，请重新打开');
    expectToast(await p.click('赵敏', { a: 'no.such-action' }), 'error', '卡片已失效，请重新打开');
    expect(await p.app.deps.db.selectFrom('weekly_logs').selectAll().execute()).toEqual(before);
  });

  it('tells someone outside the organisation how to get in', async () => {
    p = await InProcess.start();
    const stranger = await p.app.dispatcher.handleCard({ kind: 'card', eventId: 'e', createdAtMs: null, openId: 'ou_stranger', messageId: null, chatId: null, value: { a: weeklySubmit.id }, form: null });
    expect(stranger.toast?.content).toContain('您还不在平时考核名单中');
  });
});
