import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/connect';
import { findPerson } from '../../src/core/org/people.repository';
import { appendArrivals } from '../../src/db/inbox.repository';
import { readRows, readTogether } from '../../src/core/read-together';
import { planOnce } from '../../src/core/sql-dialect';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';

const onPostgres = dialectsUnderTest().includes('postgres');

/** PostgreSQL only: statements marked planOnce run as named prepared statements; all others are planned for their values. */
describe.skipIf(!onPostgres)('prepared statements on PostgreSQL', () => {
  let store: TestStore;
  let single: Store | undefined;
  afterEach(async () => {
    await single?.close();
    single = undefined;
    await store?.close();
  });

  const unitRow = (id: string) => ({ id, name: '办公室', parent_id: null, source: 'lark', active: 1, updated_at: '2026-11-30T00:00:00.000Z' });
  const preparedOn = async (s: Store) =>
    (await sql<{ statement: string; generic_plans: string; custom_plans: string }>`select statement, generic_plans, custom_plans from pg_prepared_statements`.execute(s.db)).rows.map((r) => ({
      statement: r.statement,
      generic: Number(r.generic_plans),
      custom: Number(r.custom_plans),
    }));

  it('plans a marked lookup once per connection and every other statement for its values', async () => {
    store = await createTestStore('postgres');
    single = openStore(store.url, { poolSize: 1 });
    await store.db.insertInto('units').values([unitRow('od_a'), unitRow('od_b')]).execute();
    const marked = (id: string) => single!.db.selectFrom('units').selectAll().where('id', '=', id).modifyEnd(planOnce).executeTakeFirst();
    const unmarked = (id: string) => single!.db.selectFrom('units').select('name').where('id', '=', id).executeTakeFirst();
    for (let i = 0; i < 8; i++) {
      expect((await marked(i % 2 ? 'od_a' : 'od_b'))?.name).toBe('办公室');
      expect((await unmarked('od_a'))?.name).toBe('办公室');
    }
    // A marked statement with a long list stays unnamed: each length would be another text kept by the server.
    const manyIds = ['od_a', 'od_b', ...Array.from({ length: 63 }, (_, i) => `od_${i}`)];
    expect(await single.db.selectFrom('units').select('id').where('id', 'in', manyIds).modifyEnd(planOnce).execute()).toHaveLength(2);
    // Reads combined into one statement carry the mark when asked to.
    const [a, b] = await readTogether(
      single.db,
      [readRows(single.db.selectFrom('units').select('id').where('id', '=', 'od_a'), (r) => r), readRows(single.db.selectFrom('units').select('id').where('id', '=', 'od_b'), (r) => r)],
      { planOnce: true },
    );
    expect([a, b]).toEqual([[{ id: 'od_a' }], [{ id: 'od_b' }]]);

    const prepared = await preparedOn(single);
    const texts = prepared.map((p) => p.statement);
    expect(texts).toHaveLength(2);
    expect(texts).toContain('select * from "units" where "id" = $1 /* plan once */');
    expect(texts.find((t) => t.includes('json_agg'))).toMatch(/^select \(select coalesce\(json_agg.* \/\* plan once \*\/$/);
    // PostgreSQL planned the marked lookup for its values five times, then kept one plan.
    const lookup = prepared.find((p) => p.statement.startsWith('select * from "units"'))!;
    expect(lookup).toMatchObject({ custom: 5, generic: 3 });
  });

  it('prepares the ack path\'s append once per batch size, however many values a short batch carries', async () => {
    store = await createTestStore('postgres');
    single = openStore(store.url, { poolSize: 1 });
    const now = new Date('2026-11-30T09:00:00.000Z');
    const batch = (from: number, size: number) =>
      Array.from({ length: size }, (_, i) => ({ eventId: `ev_${from + i}`, eventType: 'im.message.receive_v1', payload: '{}', now, message: { messageId: `om_${from + i}`, chatId: 'oc_1', chatType: 'p2p', openId: 'ou_a' } }));
    // Nineteen rows of eight columns: 152 values, past the limit that keeps other long statements unnamed.
    for (const [from, size] of [[0, 19], [19, 19], [38, 3], [41, 3], [44, 3]] as const) await appendArrivals(single.db, batch(from, size));

    const appends = (await preparedOn(single)).filter((p) => p.statement.startsWith('insert into "inbox_arrivals"'));
    expect(appends.map((p) => p.statement.match(/\(\$\d+/g)!.length).sort((a, b) => a - b)).toEqual([3, 19]);
    expect(appends.map((p) => p.custom + p.generic).sort((a, b) => a - b)).toEqual([2, 3]);
    const stored = await store.db.selectFrom('inbox_arrivals').select(['event_id', 'message_id']).orderBy('seq').execute();
    expect(stored.map((r) => r.event_id)).toEqual(Array.from({ length: 47 }, (_, i) => `ev_${i}`));
    expect(stored[46]).toEqual({ event_id: 'ev_46', message_id: 'om_46' });
  });

  it('prepares the actor lookup every event makes, and prepares afresh after another instance adds a column', async () => {
    store = await createTestStore('postgres');
    single = openStore(store.url, { poolSize: 1 });
    await store.db.insertInto('units').values(unitRow('od_a')).execute();
    const at = '2026-11-30T00:00:00.000Z';
    await store.db
      .insertInto('people')
      .values({ open_id: 'ou_a', user_id: null, name: '张丽', unit_id: 'od_a', leader_open_id: null, level: '一般干部', roles: 'staff', active: 1, prompt_opt_out: 0, source: 'import', created_at: at, updated_at: at, joined_on: null, probation_until: null })
      .execute();
    expect((await findPerson(single.db, 'ou_a'))?.name).toBe('张丽');
    expect((await preparedOn(single)).map((p) => p.statement)).toEqual([expect.stringMatching(/^select \* from "people" where "open_id" = \$1/)]);

    // Another instance migrates: the prepared select * no longer fits the table.
    await sql`alter table people add column nickname text`.execute(store.db);
    const first = await findPerson(single.db, 'ou_a').then(() => 'ok', (e: { code?: string }) => e.code);
    // PostgreSQL refuses the old plan once ("cached plan must not change result type"); the next statement is prepared anew.
    expect(first).toBe('0A000');
    expect((await findPerson(single.db, 'ou_a'))?.name).toBe('张丽');
  });
});
