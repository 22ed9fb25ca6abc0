import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { buildOrg } from '../../src/sandbox';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { exportCredits, importFile, tempDir, TRAINING_HEADER } from './flow-helpers';

const UNITS = 10;
const PER_UNIT = 500;
const RECORDS_PER_PERSON = 10;
const KINDS = ['online', 'offline', 'lecture', 'exam', 'degree'] as const;

/** 5,000 people: ten units of one leader and 499 staff. */
function bigOrg() {
  return buildOrg({
    tenantKey: 'bulk_tenant',
    units: Array.from({ length: UNITS }, (_, u) => ({
      id: `D${200 + u}`,
      name: `第${u + 1}处`,
      leader: { name: `处长${u + 1}` },
      staff: Array.from({ length: PER_UNIT - 1 }, (_, i) => ({ name: `干部${u + 1}-${i + 1}` })),
    })),
  });
}

describe.each(dialectsUnderTest())('bulk training import (%s)', (dialect) => {
  let h: Harness;
  let tmp: ReturnType<typeof tempDir>;
  afterEach(async () => {
    await h?.close();
    tmp?.remove();
  });

  it('imports 50,000 records for 5,000 people in one transaction; the export totals equal the file’s sums', async () => {
    tmp = tempDir();
    const org = bigOrg();
    expect(org.users).toHaveLength(UNITS * PER_UNIT);
    h = await Harness.start({ dialect, org, now: '2026-12-15T10:00:00+08:00' });

    // Quarter hours, so every figure is exact; sums kept in hundredths.
    const path = `${tmp.dir}/big.csv`;
    const out = createWriteStream(path);
    out.write(`${TRAINING_HEADER}\n`);
    const expected = new Map<string, { total: number; online: number; required: number }>();
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (const [p, user] of org.users.entries()) {
      const sums = { total: 0, online: 0, required: 0 };
      for (let r = 0; r < RECORDS_PER_PERSON; r++) {
        const centi = 25 * (1 + (next() % 48)); // 0.25 … 12 学时
        const kind = KINDS[next() % KINDS.length]!;
        const required = next() % 3 === 0;
        const date = `2026-${String(1 + (r % 11)).padStart(2, '0')}-${String(1 + ((p + r) % 28)).padStart(2, '0')}`;
        out.write(`${user.open_id},${date},课程${r + 1},${kind},${centi / 100},${required ? 1 : 0}\n`);
        sums.total += centi;
        if (kind === 'online') sums.online += centi;
        if (required) sums.required += centi;
      }
      expected.set(user.open_id, sums);
    }
    out.end();
    await finished(out);

    const transactions: number[] = [];
    const original = h.db.transaction.bind(h.db);
    h.db.transaction = (() => {
      transactions.push(Date.now());
      return original();
    }) as typeof h.db.transaction;
    const started = Date.now();
    const { out: summary } = await importFile(h, path);
    const seconds = (Date.now() - started) / 1000;
    h.db.transaction = original;
    expect(summary).toContain('新增 50000 条');
    expect(transactions).toHaveLength(1);
    expect(seconds).toBeLessThan(40);

    const ledger = await exportCredits(h, '2026');
    expect(ledger).toHaveLength(UNITS * PER_UNIT);
    let fileTotal = 0;
    let ledgerTotal = 0;
    for (const row of ledger) {
      const sums = expected.get(row.open_id!)!;
      expect([row.total_hours, row.online_hours, row.required_hours]).toEqual([
        String(sums.total / 100),
        String(sums.online / 100),
        String(sums.required / 100),
      ]);
      fileTotal += sums.total;
      ledgerTotal += Math.round(Number(row.total_hours) * 100);
    }
    expect(ledgerTotal).toBe(fileTotal);

    // Importing the same file again adds nothing.
    const again = await importFile(h, path);
    expect(again.out).toContain('新增 0 条，已存在 50000 条');
  });
});
