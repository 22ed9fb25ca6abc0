import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { buttonValue, cardOf, cardsTitled, expectToast } from '../helpers/cards';
import { QUARTER, determinationCard, formOf, quarterOrg, seedQuarter, textOf } from './helpers';

/**
 * The close queues each page of its determination cards to be built when it is sent: a close at
 * night is held for working hours, and what the determiner gets in the morning is the pool as it
 * stands then, not as it stood at the close.
 */
describe.each(dialectsUnderTest())('determination cards built when sent (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('a close held overnight delivers each pool as it stands in the morning: locked since, open, or gone', async () => {
    h = await Harness.start({ dialect, org: quarterOrg(), now: '2026-06-30T10:00:00+08:00' });
    await seedQuarter(h);
    expect(await h.runJob('quarter-close', '2026-07-08T21:00:00+08:00')).toMatchObject({ status: 'done', periodKey: QUARTER });
    // Outside working hours nothing goes out; what is queued names the page, not its content.
    expect(cardsTitled(h, '林管理', '季度审定')).toHaveLength(0);
    const queued = await h.db.selectFrom('outbox').select(['idem_key', 'content', 'render', 'status']).where('idem_key', 'like', 'quarter-close:%').orderBy('idem_key').execute();
    expect(queued.map((r) => r.idem_key)).toEqual(
      ['一般干部', '副职', '正职'].flatMap((pool) => ['韩管理', '林管理'].map((name) => [pool, h.person(name).open_id])).map(([pool, id]) => `quarter-close:${QUARTER}:R0:${pool}:p1:${id}`).sort(),
    );
    expect(queued.every((r) => r.content === '' && r.status === 'pending')).toBe(true);
    expect(JSON.parse(queued[0]!.render!)).toEqual({ card: 'quarter.determination', scopeId: 'R0', quarterKey: QUARTER, pool: '一般干部', page: 1 });

    // That evening 韩管理 opens 副职 himself (an answer, not held) and confirms it: it locks.
    await h.say('韩管理', '/审定');
    const own = determinationCard(h, '韩管理', '副职');
    expectToast(await h.click('韩管理', own, buttonValue(cardOf(own), '确认审定'), formOf(cardOf(own))), 'success', '已确认审定并锁定');
    // 正职 has nobody left by the morning (as when a re-proposal drops a pool's people).
    await h.db.deleteFrom('quarter_results').where('quarter_key', '=', QUARTER).where('pool', '=', '正职').execute();

    h.clock.set('2026-07-09T09:00:00+08:00');
    await h.settle();
    const deputies = cardsTitled(h, '林管理', '季度审定 · 某市某局 · 副职');
    expect(deputies).toHaveLength(1);
    expect(textOf(deputies[0]!)).toContain('由 **韩管理** 审定并锁定');
    expect(JSON.stringify(cardOf(deputies[0]!))).not.toContain('确认审定');
    const general = cardsTitled(h, '林管理', '季度审定 · 某市某局 · 一般干部');
    expect(general).toHaveLength(1);
    expect(buttonValue(cardOf(general[0]!), '确认审定')).toBeTruthy();
    expect(cardsTitled(h, '林管理', '季度审定 · 某市某局 · 正职')).toHaveLength(0);
    const after = await h.db.selectFrom('outbox').select(['idem_key', 'status', 'last_error']).where('idem_key', 'like', 'quarter-close:%').where('status', '!=', 'sent').execute();
    expect(after.map((r) => [r.idem_key.split(':')[3], r.status, r.last_error])).toEqual([
      ['正职', 'skipped', 'nothing left to show when it was due'],
      ['正职', 'skipped', 'nothing left to show when it was due'],
    ]);
  });
});
