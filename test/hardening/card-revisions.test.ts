import { afterEach, describe, expect, it } from 'vitest';
import { monthlyRegrade, monthlySubmit } from '../../src/features/monthly/monthly-actions';
import { orgSyncConfirm } from '../../src/features/org/org-actions';
import { quarterlyConfirm, quarterlySave } from '../../src/features/quarterly/quarterly-actions';
import { weeklyConfirm, weeklyReturn, weeklySubmit } from '../../src/features/weekly/weekly-actions';
import type { SandboxMessage } from '../../src/sandbox';
import { buttonValue, cardOf, cardsOf, cardsTitled, expectToast } from '../helpers/cards';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { form as gradeForm, gradingCardFor, REVIEW_AT } from '../monthly/helpers';
import { CLOSE_AT, determinationCard, formOf, quarterOrg, seedQuarter } from '../quarterly/helpers';

/**
 * Issue 12, item 9: every card action that changes a record carries the record's revision, and a
 * value without it, or with an older one, is refused as stale with nothing written. (Actions that
 * change nothing — weekly.edit, weekly.remind — carry none; claims and objections are decided once
 * and the services refuse a second decision by their state.)
 */
interface Click {
  /** The action's declaration: its id is what the value names. */
  action: { id: string };
  clicker: string;
  message: SandboxMessage;
  value: Record<string, unknown>;
  form: Record<string, unknown>;
  /** A revision the record had before it moved on; absent where the action changes nothing (it opens the form as stored now). */
  older?: unknown;
}

/** Everything a card action may write: the records, their audit, queued messages and people. */
async function everything(h: Harness) {
  const db = h.db;
  return {
    weekly: await db.selectFrom('weekly_logs').selectAll().orderBy('id').execute(),
    monthly: await db.selectFrom('monthly_reviews').selectAll().orderBy('id').execute(),
    quarterly: await db.selectFrom('quarter_results').selectAll().orderBy('id').execute(),
    locks: await db.selectFrom('quarter_locks').selectAll().orderBy('level').execute(),
    people: await db.selectFrom('people').selectAll().orderBy('open_id').execute(),
    audit: await db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
    outbox: await db.selectFrom('outbox').select('idem_key').orderBy('idem_key').execute(),
  };
}

async function expectRefusedAsStale(h: Harness, c: Click) {
  const before = await everything(h);
  const { rev: _rev, ...withoutRev } = c.value;
  expect(c.value.a).toBe(c.action.id);
  for (const value of [withoutRev, ...('older' in c ? [{ ...c.value, rev: c.older }] : [])]) {
    const res = await h.click(c.clicker, c.message, value, c.form);
    expectToast(res, 'error', '卡片已失效');
    expect(res.card).toBeUndefined();
  }
  expect(await everything(h)).toEqual(before);
}

describe.each(dialectsUnderTest())('card values without their revision (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('weekly.submit, weekly.confirm and weekly.return', async () => {
    h = await Harness.start({ dialect, now: '2026-11-19T10:00:00+08:00' });
    await h.say('赵敏', '周记 整理档案');
    await h.say('赵敏', '周记 整理档案并归档');
    await h.say('赵敏', '周记');
    const formCard = cardsOf(h, '赵敏').at(-1)!;
    const review = cardsOf(h, '李明华').filter((m) => Harness.textOf(m).includes('赵敏')).at(-1)!;
    const common = { older: 1 };
    await expectRefusedAsStale(h, { action: weeklySubmit, clicker: '赵敏', message: formCard, value: buttonValue(cardOf(formCard), weeklySubmit), form: { done: '伪造', plan: '', bonus: '' }, ...common });
    for (const action of [weeklyConfirm, weeklyReturn]) {
      await expectRefusedAsStale(h, { action, clicker: '李明华', message: review, value: buttonValue(cardOf(review), action), form: { comment: '请补充' }, ...common });
    }
  });

  it('monthly.submit and monthly.regrade', async () => {
    h = await Harness.start({ dialect, now: '2026-11-01T20:00:00+08:00' });
    // Everyone was there all October (the org file's joined_on), so October is owed.
    await h.db.updateTable('people').set({ joined_on: '2026-01-01' }).execute();
    await h.runJob('monthly-review', REVIEW_AT);
    const first = gradingCardFor(h, '李明华', '赵敏');
    const graded = await h.click('李明华', first.message, buttonValue(first.card, monthlySubmit), gradeForm({ work: '90', conduct: '90' }));
    expectToast(graded, 'success', '');
    const result = graded.card!.data;
    await expectRefusedAsStale(h, { action: monthlySubmit, clicker: '李明华', message: first.message, value: buttonValue(first.card, monthlySubmit), form: gradeForm({ work: '60', conduct: '60' }), older: 0 });
    await expectRefusedAsStale(h, { action: monthlyRegrade, clicker: '李明华', message: first.message, value: buttonValue(result, monthlyRegrade), form: {} });
  });

  it('quarterly.save and quarterly.confirm', async () => {
    h = await Harness.start({ dialect, org: quarterOrg(), now: '2026-06-30T10:00:00+08:00' });
    await seedQuarter(h);
    await h.runJob('quarter-close', CLOSE_AT);
    const msg = determinationCard(h, '林管理', '一般干部');
    const form = formOf(cardOf(msg));
    for (const action of [quarterlySave, quarterlyConfirm]) {
      await expectRefusedAsStale(h, { action, clicker: '林管理', message: msg, value: buttonValue(cardOf(msg), action), form, older: '0000000000000000' });
    }
  });

  it('org.sync-confirm', async () => {
    h = await Harness.start({ dialect });
    for (const name of ['周文涛', '吴婷', '郑凯', '王芳', '冯磊', '何静']) h.person(name).department_ids = ['OUT_OF_SCOPE'];
    await h.say('刘洋', '同步');
    const preview = cardsTitled(h, '刘洋', '同步前请确认')[0]!;
    await expectRefusedAsStale(h, { action: orgSyncConfirm, clicker: '刘洋', message: preview, value: buttonValue(cardOf(preview), orgSyncConfirm), form: {}, older: '0000000000000000' });
  });
});
