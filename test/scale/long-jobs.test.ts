import { afterEach, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { seedCity } from '../../bench/seed';
import { TURN_MS, urgently } from '../../src/db/turn-taking';
import { Harness } from '../helpers/harness';
import { createTestStore, type TestStore } from '../helpers/stores';

/**
 * better-sqlite3 answers every statement synchronously, so before the store let the event loop
 * turn between statements, a job of many of them held it to the end: on 28,000 people the weekly
 * prompt for 2.9 s, the self-summary cards for 8.4 s, during which no webhook was even read.
 */
describe('long work on SQLite lets the event loop turn', () => {
  let store: TestStore | undefined;
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    await store?.close();
    h = undefined;
    store = undefined;
  });

  it('between the statements of an unbroken run of queries', async () => {
    store = await createTestStore('sqlite');
    let turned = false;
    setImmediate(() => (turned = true));
    let statements = 0;
    // Each query resolves at once; without turn-taking the callback above would wait for all of them.
    while (!turned && statements < 200_000) {
      await store.db.selectFrom('units').select('id').where('id', '=', `od_${statements}`).execute();
      statements++;
    }
    expect(turned).toBe(true);
    expect(statements).toBeLessThan(200_000);
  });

  it('except for the acknowledgements, which never wait for their turn', async () => {
    store = await createTestStore('sqlite');
    const statement = () => store!.db.selectFrom('units').select('id').where('id', '=', 'od_1').execute();
    await statement();
    let turned = false;
    setImmediate(() => (turned = true));
    await statement();
    // The loop held for longer than the budget, as a long job holds it.
    for (const start = performance.now(); performance.now() - start < TURN_MS * 1.5; );
    await urgently(statement);
    expect(turned).toBe(false);
    await statement();
    expect(turned).toBe(true);
  });

  it('so a message that arrives during the weekly prompt is acknowledged before the prompt is done', async () => {
    h = await Harness.start({ seedOrg: false, now: '2026-10-12T08:00:00+08:00' });
    const city = await seedCity(h.store.db, { people: 6_000, organs: 6 });
    let finishedAt: number | null = null;
    const prompt = h.app.runJob('weekly-prompt', new Date('2026-10-12T08:00:00+08:00')).then((outcome) => {
      finishedAt = Date.now();
      return outcome;
    });
    const delivered = await h.driver.sendText(city.people[1]!.openId, '帮助');
    const answeredAt = Date.now();
    const outcome = await prompt;

    expect(delivered.status).toBe(200);
    expect(outcome.status).toBe('done');
    expect(outcome.message).toContain('已向 6000 人发送周记填写提醒');
    expect(finishedAt).not.toBeNull();
    expect(answeredAt).toBeLessThan(finishedAt!);
    const stored = await h.store.db.selectFrom('inbox').select('event_id').execute();
    expect(stored.map((r) => r.event_id)).toContain(delivered.eventId);
  });
});
