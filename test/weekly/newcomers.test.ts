import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from '../helpers/harness';

describe('people who joined after a week was due', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('are not reminded about that week, but are about the next one', async () => {
    // The organisation is imported on Saturday, after W47 was due (Fri 11-20 18:00).
    h = await Harness.start({ now: '2026-11-21T10:00:00+08:00' });
    const first = await h.runJob('weekly-reminder', '2026-11-23T09:00:00+08:00');
    expect(first).toMatchObject({ status: 'done', periodKey: '2026-W47' });
    expect(h.inbox('赵敏')).toHaveLength(0);
    expect(h.sandbox.messages()).toHaveLength(0);

    const next = await h.runJob('weekly-reminder', '2026-11-30T09:00:00+08:00');
    expect(next).toMatchObject({ status: 'done', periodKey: '2026-W48' });
    expect(Harness.textOf(h.inbox('赵敏').at(-1)!)).toContain('2026年第48周');
  });
});
