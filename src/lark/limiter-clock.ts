import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../core/sql-dialect';
import type { Database } from '../db/schema';
import type { DoctorCheck } from './outbox-health';
import { LARK_MESSAGE_LIMITS } from './shared-limiter';

/**
 * Instances share Lark's limits through the database, each counting windows on its own clock, so a
 * slot one instance stamped is freed by another's clock. The windows are a little longer than Lark's
 * (1.1 s for 50/s, 61 s for 1,000/min) to absorb the difference between two hosts' clocks: the 100 ms
 * of the shorter window is the most any two may differ, so each may be at most half of it from the
 * database server, the one clock they all can read.
 */
export const CLOCK_TOLERANCE_MS = (LARK_MESSAGE_LIMITS.secondWindowMs - 1000) / 2;

export interface ClockOffset {
  /** This host's clock minus the database server's: positive when ours is ahead. */
  offsetMs: number;
  /** Half the round trip of the best reading: the offset is known to within this. */
  uncertaintyMs: number;
}

/**
 * This host's clock against PostgreSQL's `clock_timestamp()`, the reading with the shortest round
 * trip of a few (a reading held up by a busy pool or event loop says little). Null on SQLite, where
 * one process on one host does all the counting.
 */
export async function clockOffsetFromDatabase(db: Kysely<Database>, wallNow: () => number = Date.now, readings = 3): Promise<ClockOffset | null> {
  if (!isPostgres(db)) return null;
  let best: ClockOffset | null = null;
  for (let i = 0; i < readings; i++) {
    const before = wallNow();
    const { rows } = await sql<{ ms: string | number }>`select extract(epoch from clock_timestamp()) * 1000 as ms`.execute(db);
    const after = wallNow();
    const reading = { offsetMs: Math.round((before + after) / 2 - Number(rows[0]!.ms)), uncertaintyMs: Math.ceil((after - before) / 2) };
    if (!best || reading.uncertaintyMs < best.uncertaintyMs) best = reading;
  }
  return best;
}

/** Whether the offset is surely beyond what the limiter's windows absorb. */
export function clockTooFar(o: ClockOffset): boolean {
  return Math.abs(o.offsetMs) - o.uncertaintyMs > CLOCK_TOLERANCE_MS;
}

export function describeOffset(o: ClockOffset): string {
  const side = o.offsetMs >= 0 ? '快' : '慢';
  return `本机时钟比数据库服务器${side} ${Math.abs(o.offsetMs)} 毫秒（误差 ±${o.uncertaintyMs} 毫秒）`;
}

/** The doctor's line: nothing on SQLite; on PostgreSQL ✘ when this host is surely too far off. */
export async function clockDoctorCheck(db: Kysely<Database>, wallNow: () => number = Date.now): Promise<DoctorCheck | null> {
  const o = await clockOffsetFromDatabase(db, wallNow);
  if (!o) return null;
  if (clockTooFar(o)) {
    return {
      ok: false,
      text: `时钟：${describeOffset(o)}。多个实例共用飞书发送限额和任务租约，各主机时钟与数据库服务器相差须在 ${CLOCK_TOLERANCE_MS} 毫秒以内，否则可能超出飞书限流。请在本机和数据库服务器上启用 NTP 时间同步（如 chrony）后重试。`,
    };
  }
  return { ok: true, text: `时钟：${describeOffset(o)}，在 ${CLOCK_TOLERANCE_MS} 毫秒容差以内` };
}
