import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openStore, type Store } from '../src/db/connect';
import { createSchemaStore } from '../test/helpers/stores';

export type Dialect = 'sqlite' | 'postgres';

export interface BenchStore extends Store {
  /** A DATABASE_URL another process can open to reach the same data. */
  url: string;
  /** Closes and removes the data. */
  dispose: () => Promise<void>;
}

export const postgresUrl = () => process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;

/** A fresh, migrated database: a SQLite file in a temporary folder, or a PostgreSQL schema of its own. */
export async function benchStore(dialect: Dialect): Promise<BenchStore> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pingshi-bench-'));
    const url = `file:${join(dir, 'bench.db')}`;
    const store = openStore(url);
    await migrateToLatest(store.db, store.schema);
    return { ...store, url, dispose: async () => { await store.close().catch(() => undefined); rmSync(dir, { recursive: true, force: true }); } };
  }
  const base = postgresUrl();
  if (!base) throw new Error('BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) is not set');
  const store = await createSchemaStore(base, 'bench');
  return { ...store, dispose: () => store.close() };
}
