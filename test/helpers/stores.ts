import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Config } from '../../src/config/env';
import { migrateToLatest, openStore, type Store } from '../../src/db/connect';

export interface TestStore extends Store {
  /** A URL another process can open to reach the same data. */
  url: string;
}

const pgUrl = process.env.TEST_POSTGRES_URL;
let warned = false;

/** SQLite always; PostgreSQL when TEST_POSTGRES_URL is set (otherwise a visible skip message). */
export function dialectsUnderTest(): Array<'sqlite' | 'postgres'> {
  if (!pgUrl && !warned) {
    warned = true;
    console.warn('PostgreSQL tests skipped: TEST_POSTGRES_URL is not set');
  }
  return pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];
}

export async function createTestStore(dialect: 'sqlite' | 'postgres', opts: { file?: string } = {}): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const url = opts.file ? `file:${opts.file}` : 'file::memory:';
    const store = openStore(url);
    await migrateToLatest(store.db);
    return { ...store, url };
  }
  if (!pgUrl) throw new Error('TEST_POSTGRES_URL is not set');
  return createSchemaStore(pgUrl, 't');
}

/** A migrated store in a fresh PostgreSQL schema of `base` (named `prefix_…`); closing it drops the schema. */
export async function createSchemaStore(base: string, prefix: string): Promise<TestStore> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const store = openStore(base, { schema });
  await migrateToLatest(store.db, schema);
  const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    ...store,
    url,
    close: async () => {
      await store.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

/** The configuration a test app runs with: not sandbox mode, scheduler off, quiet. */
export function testConfig(over: Pick<Config, 'appId' | 'appSecret' | 'baseUrl' | 'databaseUrl'>): Config {
  return {
    sandbox: false,
    encryptKey: 'test-encrypt-key',
    verificationToken: 'test-verification-token',
    port: 0,
    rulesPath: undefined,
    scheduler: false,
    signatureWindowSeconds: 8 * 3600,
    sandboxPort: 0,
    outboxLeaseSeconds: 30,
    logLevel: 'silent',
    ...over,
  };
}
