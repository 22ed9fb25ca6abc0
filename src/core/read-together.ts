import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { isPostgres, planOnce } from './sql-dialect';

type AnySelect = SelectQueryBuilder<any, any, any>;

/**
 * Selects not yet run, and what their rows become. Reads from several repositories can then go to
 * PostgreSQL as one statement (`readTogether`): a click's result card needs the person's weekly
 * records, leave, 好差评 and 个人小结, and on two shared cores each statement's round trip cost more
 * than its work (PostgreSQL clicks 750 → 877/s with two of those four reads left out). Each select's
 * rows come in no guaranteed order: `map` must not depend on an ORDER BY.
 */
export interface Read<T> {
  queries: readonly AnySelect[];
  map(rows: readonly unknown[][]): T;
  /** A long list read in chunks: too many rows for one JSON value, so it is never combined. */
  large?: boolean;
}

/** Rows of one select (none when `query` is null: nothing to ask), mapped. */
export function readRows<O, T>(query: SelectQueryBuilder<any, any, O> | null, map: (rows: O[]) => T): Read<T> {
  return { queries: query ? [query] : [], map: (rows) => map((rows[0] ?? []) as O[]) };
}

/** One select per chunk of `values` (long lists are read a thousand at a time), their rows mapped together. */
export function readChunked<O, T>(values: readonly string[], size: number, query: (chunk: string[]) => SelectQueryBuilder<any, any, O>, map: (rows: O[]) => T): Read<T> {
  const queries: AnySelect[] = [];
  for (let i = 0; i < values.length; i += size) queries.push(query(values.slice(i, i + size)));
  return { queries, map: (rows) => map(rows.flat() as O[]), large: queries.length > 1 };
}

/** The read's result made into another. */
export function mapRead<A, T>(read: Read<A>, f: (a: A) => T): Read<T> {
  return { ...read, map: (rows) => f(read.map(rows)) };
}

/** Two reads as one, their results combined. */
export function readBoth<A, B, T>(a: Read<A>, b: Read<B>, combine: (a: A, b: B) => T): Read<T> {
  const split = a.queries.length;
  return { queries: [...a.queries, ...b.queries], map: (rows) => combine(a.map(rows.slice(0, split)), b.map(rows.slice(split))), large: a.large || b.large };
}

/** A read's result. */
export async function runRead<T>(db: Kysely<any>, read: Read<T>): Promise<T> {
  return (await readTogether(db, [read] as const))[0];
}

type Results<R extends readonly Read<unknown>[]> = { -readonly [K in keyof R]: R[K] extends Read<infer T> ? T : never };

/**
 * Every read's result. On PostgreSQL their selects go as one statement, each select's rows
 * aggregated to a JSON array (the tables read this way have text and number columns only, which
 * JSON gives back as the driver would); a large read goes on its own, a chunk at a time.
 * `planOnce`: the combined statement is a lookup by key that PostgreSQL may plan once (see `planOnce`).
 */
export async function readTogether<const R extends readonly Read<unknown>[]>(db: Kysely<any>, reads: R, o: { planOnce?: boolean } = {}): Promise<Results<R>> {
  const queries = reads.flatMap((r) => r.queries);
  if (isPostgres(db) && queries.length > 1 && !reads.some((r) => r.large)) {
    const together = db.selectNoFrom(queries.map((q, i) => sql<unknown[]>`(select coalesce(json_agg(t), '[]'::json) from (${q}) as t)`.as(`r${i}`)));
    const row = (await (o.planOnce ? together.modifyEnd(planOnce) : together).executeTakeFirstOrThrow()) as Record<string, unknown[]>;
    let at = 0;
    return reads.map((r) => r.map(r.queries.map(() => row[`r${at++}`]!))) as Results<R>;
  }
  // Independent reads side by side (several pooled connections on PostgreSQL); a read's chunks in turn.
  return Promise.all(
    reads.map(async (r) => {
      const rows: unknown[][] = [];
      for (const q of r.queries) rows.push(await q.execute());
      return r.map(rows);
    }),
  ) as Promise<Results<R>>;
}
