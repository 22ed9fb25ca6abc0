import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { clockDoctorCheck, clockOffsetFromDatabase, clockTooFar, CLOCK_TOLERANCE_MS } from '../../src/lark/limiter-clock';
import { createMetrics, registerClockOffset } from '../../src/metrics';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';

/**
 * Instances share Lark's limits on their own clocks (shared-limiter.ts): how far this host is from
 * the database server is measured, shown by doctor and /metrics, and refused beyond the tolerance.
 */
describe.each(dialectsUnderTest())('clock offset against the database server (%s)', (dialect) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(dialect);
  });
  afterAll(() => store.close());

  if (dialect === 'sqlite') {
    it('is not measured on SQLite, where one process counts every call', async () => {
      expect(await clockOffsetFromDatabase(store.db)).toBeNull();
      expect(await clockDoctorCheck(store.db)).toBeNull();
    });
    return;
  }

  it('is within the tolerance for a host that shares the server its clock', async () => {
    const o = await clockOffsetFromDatabase(store.db);
    expect(CLOCK_TOLERANCE_MS).toBe(50);
    // The same clock on both sides: whatever is measured is the reading's own delay.
    expect(clockTooFar(o!)).toBe(false);
    const check = await clockDoctorCheck(store.db);
    expect(check).toMatchObject({ ok: true });
    expect(check!.text).toMatch(/^时钟：本机时钟比数据库服务器[快慢] \d+ 毫秒（误差 ±\d+ 毫秒），在 50 毫秒容差以内$/);
  });

  it('says by how much and what to do when this host runs ahead or behind', async () => {
    const ahead = await clockDoctorCheck(store.db, () => Date.now() + 2000);
    expect(ahead!.ok).toBe(false);
    expect(ahead!.text).toMatch(/^时钟：本机时钟比数据库服务器快 (\d+) 毫秒/);
    const [, shown, within] = /快 (\d+) 毫秒（误差 ±(\d+) 毫秒）/.exec(ahead!.text)!;
    expect(Math.abs(Number(shown) - 2000)).toBeLessThanOrEqual(CLOCK_TOLERANCE_MS + Number(within));
    expect(ahead!.text).toContain('请在本机和数据库服务器上启用 NTP 时间同步');

    const behind = await clockOffsetFromDatabase(store.db, () => Date.now() - 2000);
    expect(Math.abs(behind!.offsetMs + 2000)).toBeLessThanOrEqual(CLOCK_TOLERANCE_MS + behind!.uncertaintyMs);
    expect(clockTooFar(behind!)).toBe(true);
  });

  it('is a line of `pingshi doctor`', async () => {
    const saved = { ...process.env };
    const out: string[] = [];
    try {
      process.env.DATABASE_URL = store.url;
      for (const k of Object.keys(process.env)) if (k.startsWith('LARK_')) delete process.env[k];
      const sink = { write: (s: string) => out.push(String(s)) } as unknown as NodeJS.WritableStream;
      await main(['doctor'], { out: sink, err: sink });
    } finally {
      process.env = saved;
    }
    expect(out.join('')).toMatch(/^✔ 时钟：本机时钟比数据库服务器[快慢] \d+ 毫秒（误差 ±\d+ 毫秒），在 50 毫秒容差以内$/m);
  });

  it('is reported to /metrics when scraped', async () => {
    const metrics = createMetrics();
    let skew = 0;
    registerClockOffset(metrics, () => clockOffsetFromDatabase(store.db, () => Date.now() + skew));
    const scrape = async () => Number(/^pingshi_clock_offset_ms (-?\d+)$/m.exec(await metrics.registry.metrics())?.[1]);
    // A loaded test machine delays a reading by tens of ms; a wrong unit or sign would be far off.
    expect(Math.abs(await scrape())).toBeLessThan(1000);
    skew = -3000;
    expect(await scrape()).toBeLessThan(-2000);
  });

  it('shows NaN, not the last reading, when the database cannot be read', async () => {
    const metrics = createMetrics();
    let down = false;
    registerClockOffset(metrics, () => (down ? Promise.reject(new Error('connection refused')) : clockOffsetFromDatabase(store.db, () => Date.now() - 3000)));
    const value = async () => /^pingshi_clock_offset_ms (\S+)$/m.exec(await metrics.registry.metrics())?.[1];
    expect(Number(await value())).toBeLessThan(-2000);
    down = true;
    // prom-client writes `Nan`; Prometheus reads it case-insensitively.
    expect(await value()).toMatch(/^nan$/i);
  });
});
