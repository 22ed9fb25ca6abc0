import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/connect';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';

const onPostgres = dialectsUnderTest().includes('postgres');

/** PostgreSQL only: short statements run as named prepared statements, and survive a migration elsewhere. */
describe.skipIf(!onPostgres)('prepared statements on PostgreSQL', () => {
  let store: TestStore;
  let single: Store | undefined;
  afterEach(async () => {
    await single?.close();
    single = undefined;
    await store?.close();
  });

  const unitRow = (id: string) => ({ id, name: '办公室', parent_id: null, source: 'lark', active: 1, updated_at: '2026-11-30T00:00:00.000Z' });

  it('prepares a short statement once per connection, leaves long ones unnamed, and prepares afresh after another instance adds a column', async () => {
    store = await createTestStore('postgres');
    single = openStore(store.url, { poolSize: 1 });
    await store.db.insertInto('units').values([unitRow('od_a'), unitRow('od_b')]).execute();
    const byId = (id: string) => single!.db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
    expect((await byId('od_a'))?.name).toBe('办公室');
    expect((await byId('od_b'))?.id).toBe('od_b');
    const manyIds = Array.from({ length: 65 }, (_, i) => `od_${i}`);
    await single.db.selectFrom('units').select('id').where('id', 'in', manyIds).execute();
    // Planned for their values each time: a generic plan made while a table was small would scan it whole later.
    const mode = await sql<{ plan_cache_mode: string }>`show plan_cache_mode`.execute(single.db);
    expect(mode.rows[0]?.plan_cache_mode).toBe('force_custom_plan');
    const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(single.db);
    const texts = prepared.rows.map((r) => r.statement);
    expect(texts.filter((t) => t.startsWith('select * from "units" where "id" = $1'))).toHaveLength(1);
    expect(texts.some((t) => t.includes('$65'))).toBe(false);

    // Another instance migrates: the prepared select * no longer fits the table.
    await sql`alter table units add column nickname text`.execute(store.db);
    const first = await byId('od_a').then(() => 'ok', (e: { code?: string }) => e.code);
    // PostgreSQL refuses the old plan once ("cached plan must not change result type"); the next statement is prepared anew.
    expect(first).toBe('0A000');
    const again = await byId('od_a');
    expect(again).toMatchObject({ id: 'od_a', nickname: null });
  });
});
