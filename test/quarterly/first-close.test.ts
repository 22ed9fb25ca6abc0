import { afterEach, describe, expect, it } from 'vitest';
import { defaultRules } from '../../src/core/rules/rules';
import { loadQuarterInputs, proposeScopeQuarter, scopesWithData } from '../../src/core/quarterly/proposal.service';
import { findScopeQuarterResults } from '../../src/core/quarterly/results.repository';
import { loadUnits } from '../../src/core/quarterly/scope';
import { seedCity } from '../../bench/seed';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';

const QUARTER = '2026-Q3';
const AT = new Date('2026-10-15T02:00:00Z');

/**
 * A scope's first proposals are returned as inserted instead of read back; the determination cards
 * (and their revisions, which a click is checked against) are built from them, so they must be
 * exactly what the database then holds — on each database, and again after a re-run.
 */
describe.each(dialectsUnderTest())('first proposals of a scope on %s', (dialect) => {
  let store: TestStore;
  afterEach(() => store?.close());

  it('returns what the database holds, in its order, the first time and on a re-run', async () => {
    store = await createTestStore(dialect);
    await seedCity(store.db, { people: 300, organs: 3, gradedMonths: ['2026-07', '2026-08', '2026-09'] });
    const rules = defaultRules();
    const units = await loadUnits(store.db);
    const inputs = { units, ...(await loadQuarterInputs(store.db, QUARTER)) };
    const scopes = await scopesWithData(store.db, rules, QUARTER, inputs);
    expect(scopes).toHaveLength(3);
    for (const scopeId of scopes) {
      const first = await store.db.transaction().execute((trx) => proposeScopeQuarter(trx, rules, scopeId, QUARTER, AT, 'system:test', inputs));
      const stored = await findScopeQuarterResults(store.db, scopeId, QUARTER);
      expect(stored.length).toBeGreaterThan(50);
      expect(first.stored).toEqual(stored);
      const again = await store.db.transaction().execute((trx) => proposeScopeQuarter(trx, rules, scopeId, QUARTER, AT, 'system:test', inputs));
      expect(again.stored).toEqual(stored);
    }
  });
});
