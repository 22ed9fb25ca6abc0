import { afterEach, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/core/calendar/periods';
import { Harness } from '../helpers/harness';
import { cardsOf } from '../helpers/cards';
import { dialectsUnderTest } from '../helpers/stores';

/** Calm: nothing the bot sends on its own goes out at night or on a holiday; answers are never held. */
describe.each(dialectsUnderTest())('calm sending (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('answers a person at night at once, and holds the card it sends her supervisor until the next workday morning', async () => {
    h = await Harness.start({ dialect, now: '2026-11-19T22:30:00+08:00' });
    await h.say('赵敏', '周记 整理本周档案');
    expect(cardsOf(h, '赵敏')).toHaveLength(1); // her receipt, now
    expect(h.inbox('李明华')).toHaveLength(0); // the review card waits

    h.clock.set('2026-11-20T08:59:00+08:00');
    await h.settle();
    expect(h.inbox('李明华')).toHaveLength(0);
    h.clock.set('2026-11-20T09:00:00+08:00');
    await h.settle();
    expect(Harness.textOf(cardsOf(h, '李明华')[0]!)).toContain('整理本周档案');
  });

  it('sends a prompt that fell due on a holiday on the next workday at 09:00', async () => {
    h = await Harness.start({ dialect, now: '2026-09-20T10:00:00+08:00' });
    // 2 October is in the National Day holiday: the week's prompt is caught up then, and held.
    const outcome = await h.runJob('weekly-prompt', '2026-10-02T10:00:00+08:00');
    expect(outcome.status).toBe('done');
    expect(cardsOf(h, '赵敏')).toHaveLength(0);
    const calendar = h.app.deps.calendar;
    const nextWorkday = calendar.firstWorkdayOnOrAfter('2026-10-02');
    expect(nextWorkday > '2026-10-02').toBe(true);
    h.clock.set(new Date(shanghaiInstant(nextWorkday, '09:00').getTime() - 60_000));
    await h.settle();
    expect(cardsOf(h, '赵敏')).toHaveLength(0);
    h.clock.set(shanghaiInstant(nextWorkday, '09:00'));
    await h.settle();
    expect(cardsOf(h, '赵敏')).toHaveLength(1);
  });

  it('on a first start, catches up nothing about periods that ended before the organisation joined', async () => {
    // The demo organisation is imported on Monday 30 November: last week, October, the third quarter
    // and the mid-year training checkpoint all passed before anyone in it joined.
    h = await Harness.start({ dialect, now: '2026-11-30T10:00:00+08:00' });
    for (const job of h.app.jobs) await h.runJob(job.name, '2026-11-30T10:00:00+08:00');
    expect(h.sandbox.messages()).toEqual([]);
  });
});
