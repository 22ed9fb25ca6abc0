import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, type MigrationProvider } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { migrations } from './migrations';
import { PreparingClient } from './prepared-statements';
import { TurnTakingSqliteDialect } from './turn-taking';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL only: the schema this store works in, when not the default. */
  schema?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: run in this schema (tests use one schema each). */
  schema?: string;
  poolSize?: number;
}

/** `file:./data/pingshi.db`, `file::memory:`, `:memory:` or `postgres://…`. */
export function openStore(url: string, opts: OpenOptions = {}): Store {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, opts);
  return openSqlite(sqlitePath(url));
}

export function sqlitePath(url: string): string {
  const path = url.startsWith('file:') ? url.slice('file:'.length) : url;
  return path === '' || path === ':memory:' ? ':memory:' : path;
}

function openSqlite(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const conn = new SQLite(path);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = NORMAL');
  conn.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new TurnTakingSqliteDialect({ database: withStatementCache(conn) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew; compiling the SQL was a tenth of the bot's time under load.
 * The same SQL text reuses its prepared statement (SQLite re-prepares it itself after a schema
 * change); one still being iterated is not shared. Long texts get a small cache of their own, the
 * least recently used going first: `insertRows` writes its batches in chunks of a few fixed sizes,
 * so their texts recur, while a text of every batch size (the group commit's, before) held 120 MB
 * in 500 statements when each was kept. Texts past `longest` are never kept.
 */
function withStatementCache(conn: SQLite.Database, max = 1000, shortSql = 2000, maxLong = 32, longest = 16_000): SQLite.Database {
  const short = new Map<string, SQLite.Statement>();
  const long = new Map<string, SQLite.Statement>();
  const prepare = conn.prepare.bind(conn);
  conn.prepare = ((sql: string) => {
    if (sql.length > longest) return prepare(sql);
    const cache = sql.length > shortSql ? long : short;
    const hit = cache.get(sql);
    if (hit?.busy) return prepare(sql);
    if (hit && cache === long) {
      long.delete(sql);
      long.set(sql, hit);
    }
    if (hit) return hit;
    const statement = prepare(sql);
    if (cache.size >= (cache === long ? maxLong : max)) cache.delete(cache.keys().next().value!);
    cache.set(sql, statement);
    return statement;
  }) as typeof conn.prepare;
  return conn;
}

function openPostgres(url: string, opts: OpenOptions): Store {
  if (!opts.schema) {
    const fromUrl = /search_path(?:=|%3D)([A-Za-z_][A-Za-z0-9_]*)/.exec(url)?.[1];
    if (fromUrl) opts = { ...opts, schema: fromUrl };
  }
  const pool = new pg.Pool({
    Client: PreparingClient,
    connectionString: url,
    max: opts.poolSize ?? 10,
    // A statement marked planOnce keeps the plan PostgreSQL chose for its table's size until ANALYZE
    // (autovacuum's, once a tenth of the table changed) replans it; a connection renewed every few
    // minutes bounds that even where autovacuum is off.
    maxLifetimeSeconds: 300,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', ...(opts.schema ? { schema: opts.schema } : {}), close: () => db.destroy() };
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one is ours.
  if (!schema && db.getExecutor().adapter.constructor.name === 'PostgresAdapter') {
    const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db);
    schema = rows[0]?.s;
  }
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`数据库迁移失败${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}

export async function pingDatabase(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
