import pg from 'pg';

/**
 * PostgreSQL parses and plans every unnamed statement anew; a card submit is fifteen short
 * statements, and planning them was a good part of the server's time under load (card actions/s
 * +10 % with this on the bench). Kysely sends unnamed statements, so the pool's clients name the
 * short ones themselves: the same text always gets the same name, and each connection prepares a
 * name once. Statements without parameters (BEGIN, migrations) and long texts or parameter lists (multi-row inserts, large IN lists) stay unnamed:
 * each length is another text, and the server would keep every one for the life of the connection.
 *
 * A prepared `select *` fails once its table gains a column ("cached plan must not change result
 * type", SQLSTATE 0A000) — an instance still running while another migrates. That statement fails
 * (the caller's retry or the user's next click handles it) and the connection prepares afresh under
 * new names from then on.
 */
const MAX_TEXT = 2000;
const MAX_PARAMS = 64;
/** Distinct texts named at all; past this, new texts run unnamed (a bound on each connection's cache). */
const MAX_NAMES = 1000;

const names = new Map<string, number>();

function nameOf(text: string): number | undefined {
  let n = names.get(text);
  if (n === undefined && names.size < MAX_NAMES) names.set(text, (n = names.size));
  return n;
}

export class PreparingClient extends pg.Client {
  /** Bumped when the server's cached plans no longer fit the schema: new names, prepared anew. */
  private generation = 0;

  // pg's overloads are too many to restate; only (text, values) without a callback is Kysely's call.
  override query(config: any, values?: any, callback?: any): any {
    const n = typeof config === 'string' && Array.isArray(values) && callback === undefined && values.length > 0 && values.length <= MAX_PARAMS && config.length <= MAX_TEXT ? nameOf(config) : undefined;
    if (n === undefined) return super.query(config, values, callback);
    const generation = this.generation;
    return (super.query({ name: `pingshi_${generation}_${n}`, text: config, values }) as Promise<pg.QueryResult>).catch((error: { code?: string }) => {
      if (error?.code === '0A000' && this.generation === generation) this.generation++;
      throw error;
    });
  }
}
