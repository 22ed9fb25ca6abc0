import { describe, expect, it } from 'vitest';
import { cpuTicks, loadBenchmarks, quarterCloseBenchmarks, stealPercent, type BenchSizes } from '../../bench/harness';
import { overall } from '../../bench/load';

/** The bench's own code on tiny sizes: it runs end to end and measures real work. No timing is asserted. */
const TINY: BenchSizes = {
  ingestBurst: 40,
  ingestPairs: 2,
  ingestRateSeconds: 0.1,
  cardRateSeconds: 0.2,
  cardBurst: 20,
  loadPeople: 60,
  quarterClose: { people: 120, organs: 2, runs: 3, small: 60, large: 120 },
  fanout: { recipients: 10, scale: 60, outageMinutes: 5 },
};

function collect() {
  const lines = new Map<string, number>();
  const texts = new Map<string, string>();
  return { lines, texts, print: (name: string, value: number | string, digits = 0) => (lines.set(name, Number(value)), texts.set(name, typeof value === 'number' ? value.toFixed(digits) : value)) };
}

describe('npm run bench harness (tiny sizes)', () => {
  it('says what share of the machine was stolen by other guests between two readings of /proc/stat', () => {
    expect(stealPercent({ total: 1_000, steal: 10 }, { total: 1_400, steal: 90 })).toBe(20);
    expect(stealPercent({ total: 1_000, steal: 10 }, { total: 1_000, steal: 10 })).toBeNull();
    expect(stealPercent(null, { total: 1, steal: 0 })).toBeNull();
    const now = cpuTicks();
    // Linux has /proc/stat; elsewhere the bench prints no steal line.
    if (now) expect(now.total).toBeGreaterThan(now.steal);
  });

  it('takes bursts together as their requests over their time, each percentile the highest', () => {
    const a = { perSecond: 1000, p50: 4, p99: 20, ok: 1000, failed: 0, seconds: 1 };
    const b = { perSecond: 500, p50: 6, p99: 15, ok: 1000, failed: 2, seconds: 2 };
    expect(overall([a, b])).toEqual({ perSecond: 2000 / 3, p50: 6, p99: 20, ok: 2000, failed: 2, seconds: 3 });
  });

  it('fires signed events and grading clicks at the bot process and the SDK no-op, and every click grades a review', async () => {
    const { lines, texts, print } = collect();
    await loadBenchmarks('sqlite', TINY, print);
    for (const name of ['ingest_ratio', 'ingest_p99_ms', 'ingest_disk_flush_max_ms', 'card_action_p99_ms', 'card_action_disk_flush_max_ms', 'card_actions_per_s', 'rss_mb_under_load', 'start_ms']) {
      expect(Number.isFinite(lines.get(`${name}.sqlite`)), name).toBe(true);
    }
    expect(lines.get('ingest_refused.sqlite')).toBe(0);
    // The ratio is the bursts' together, no-op and bot alternated; each pair's is printed beside it.
    expect(String(texts.get('ingest_ratio_pairs.sqlite')).split(' / ').map(Number).every(Number.isFinite)).toBe(true);
    expect(String(texts.get('ingest_ratio_pairs.sqlite')).split(' / ')).toHaveLength(2);
    expect(lines.get('card_actions_answered.sqlite')).toBe(40);
    expect(lines.get('card_actions_graded.sqlite')).toBe(40);
  }, 60_000);

  it('closes a quarter of a seeded city and sends the determination cards', async () => {
    const { lines, texts, print } = collect();
    await quarterCloseBenchmarks('sqlite', TINY, print);
    expect(lines.get('quarter_close_120_cards.sqlite')).toBeGreaterThan(0);
    // The figure is the median of the three runs printed beside it.
    const runs = String(texts.get('quarter_close_120_runs_s.sqlite')).split(' / ').map(Number);
    expect(runs).toHaveLength(3);
    expect(lines.get('quarter_close_120_s.sqlite')).toBeCloseTo([...runs].sort((a, b) => a - b)[1]!, 2);
    expect(Number.isFinite(lines.get('quarter_close_scaling.sqlite'))).toBe(true);
    expect(lines.get('quarter_close_120_max_stall_ms.sqlite')).toBeGreaterThan(0);
  }, 60_000);
});
