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
export async function createSchemaStore(server: string, prefix: string): Promise<TestStore> {
  const base = await workerDatabase(server);
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

const workerDatabases = new Map<string, Promise<string>>();

/**
 * Test files run in parallel workers, and each worker gets a database of its own on the server.
 * Within one database, a schema dropped by one file's cleanup breaks another file's migration:
 * Kysely's migrator introspects every schema's tables (`has_schema_privilege`, `pg_get_serial_sequence`)
 * and fails with "schema … does not exist" when one vanishes under it. Advisory locks, which the
 * app's claims use, are per database too. Outside vitest (the bench) the given database is used.
 */
function workerDatabase(server: string): Promise<string> {
  const worker = process.env.VITEST_POOL_ID;
  if (!worker) return Promise.resolve(server);
  let made = workerDatabases.get(server);
  if (!made) {
    made = (async () => {
      const url = new URL(server);
      const name = `${url.pathname.slice(1) || 'postgres'}_w${worker}`;
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      try {
        const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
        if (!rowCount) await admin.query(`create database "${name}"`).catch((e: { code?: string }) => {
          // Another run's worker of the same number created it between our look and our create.
          if (e.code !== '42P04' && e.code !== '23505') throw e;
        });
      } finally {
        await admin.end();
      }
      url.pathname = `/${name}`;
      return url.toString();
    })();
    workerDatabases.set(server, made);
  }
  return made;
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
