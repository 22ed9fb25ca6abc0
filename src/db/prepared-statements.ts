import pg from 'pg';
import { PLAN_ONCE_MARK } from '../core/sql-dialect';

/**
 * PostgreSQL parses and plans every unnamed statement anew. Kysely sends unnamed statements, so the
 * pool's clients name the ones marked `planOnce` (key lookups on a click's path) themselves: the
 * same text always gets the same name, each connection prepares a name once, and after five runs
 * PostgreSQL keeps one plan for all values where that costs no more. Planning was over a third of
 * PostgreSQL's CPU on a 提交评鉴 click; with the click's four statements marked, its CPU per click
 * halved (3.0–4.6 → 1.0–1.6 ms).
 *
 * Every other statement stays unnamed, planned for the values it carries: with plans kept for all
 * statements, a plan made while `quarter_results` was small scanned it whole for every
 * `open_id = any(…)` after the close had filled it (the 100,000-person close: 13 → 83 s). A marked
 * statement with many parameters stays unnamed too: each length of a list is another text, and the
 * server would keep every one for the life of the connection. A marked insert is named whatever
 * its parameters: its plan does not depend on its values, and `insertRows` writes a short batch
 * as a parameter per value (fewer than twenty rows; more go as a few arrays), so its texts are few.
 *
 * A prepared `select *` fails once its table gains a column ("cached plan must not change result
 * type", SQLSTATE 0A000) — an instance still running while another migrates. That statement fails
 * (the caller's retry or the user's next click handles it) and the connection prepares afresh under
 * new names from then on.
 */
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
    const marked = typeof config === 'string' && config.endsWith(PLAN_ONCE_MARK) && Array.isArray(values) && callback === undefined;
    const n = marked && values.length > 0 && (values.length <= MAX_PARAMS || config.startsWith('insert into ')) ? nameOf(config) : undefined;
    if (n === undefined) return super.query(config, values, callback);
    const generation = this.generation;
    return (super.query({ name: `pingshi_${generation}_${n}`, text: config, values }) as Promise<pg.QueryResult>).catch((error: { code?: string }) => {
      if (error?.code === '0A000' && this.generation === generation) this.generation++;
      throw error;
    });
  }
}
