import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { closeQuarter } from '../../src/core/quarterly/close.service';
import { closingApp, QUARTER } from '../../bench/quarter-close';
import { seedCity } from '../../bench/seed';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';

/**
 * Each organ's close is its own transaction (several at once on PostgreSQL): when one fails the job
 * fails, the others keep what they wrote, and a re-run completes the failed one without sending
 * any card twice.
 */
describe.each(dialectsUnderTest())('a quarter close that fails in one organ (%s)', (dialect) => {
  let store: TestStore;
  let app: App | undefined;
  afterEach(async () => {
    await app?.stop(0);
    await store?.close();
  });

  it('keeps the other organs, fails the job, and completes on a re-run with every card once', async () => {
    store = await createTestStore(dialect);
    const seeded = await seedCity(store.db, { people: 400, organs: 6, gradedMonths: ['2026-07', '2026-08', '2026-09'] });
    app = await closingApp(store);
    // A database refusal for one person's proposal stands for any failure inside one organ.
    const victim = seeded.people.at(-1)!.openId;
    if (dialect === 'sqlite') {
      await sql.raw(`create trigger refuse_one before insert on quarter_results when new.open_id = '${victim}' begin select raise(abort, 'refused'); end`).execute(store.db);
    } else {
      await sql.raw(`create function refuse_one() returns trigger language plpgsql as $$ begin if new.open_id = '${victim}' then raise exception 'refused'; end if; return new; end $$`).execute(store.db);
      await sql.raw(`create trigger refuse_one before insert on quarter_results for each row execute function refuse_one()`).execute(store.db);
    }
    const organOf = async (openId: string) => (await store.db.selectFrom('people').select('unit_id').where('open_id', '=', openId).executeTakeFirstOrThrow()).unit_id;
    const victimUnit = await organOf(victim);

    await expect(closeQuarter(app.deps, QUARTER)).rejects.toThrow('refused');
    const units = async () => (await store.db.selectFrom('quarter_results').select('unit_id').distinct().where('quarter_key', '=', QUARTER).execute()).map((r) => r.unit_id);
    const kept = await units();
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).not.toContain(victimUnit);
    const cardsBefore = await store.db.selectFrom('outbox').select('idem_key').execute();
    expect(cardsBefore.length).toBeGreaterThan(0);

    await sql.raw('drop trigger refuse_one' + (dialect === 'postgres' ? ' on quarter_results' : '')).execute(store.db);
    const message = await closeQuarter(app.deps, QUARTER);
    expect(message).toContain('6 个机关已生成建议等次');
    expect(await units()).toContain(victimUnit);
    const keys = (await store.db.selectFrom('outbox').select('idem_key').execute()).map((r) => r.idem_key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(cardsBefore.map((r) => r.idem_key)));
    expect(keys.length).toBeGreaterThan(cardsBefore.length);
  });
});
