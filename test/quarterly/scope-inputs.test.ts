import { afterEach, describe, expect, it } from 'vitest';
import { seedCity } from '../../bench/seed';
import { defaultRules, parseRules } from '../../src/core/rules/rules';
import { computeScopeProposals, loadQuarterInputs, scopesWithData } from '../../src/core/quarterly/proposal.service';
import { loadUnits, organOf } from '../../src/core/quarterly/scope';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';

/**
 * A click on one scope (确认审定, /审定) reads only that scope's people and their months; its
 * proposals must be exactly what the close computes from the whole city's — people who moved
 * between organs during the quarter included.
 */
describe.each(dialectsUnderTest())('one scope’s proposals from its own rows (%s)', (dialect) => {
  let store: TestStore;
  afterEach(() => store?.close());

  it('equal the slice of the city-wide computation, with transfers both ways and by 处室 as well', async () => {
    store = await createTestStore(dialect);
    const seeded = await seedCity(store.db, { people: 900, organs: 3, gradedMonths: ['2026-07', '2026-08', '2026-09'] });
    const units = await loadUnits(store.db);
    const [a, b] = [...new Set(seeded.people.map((p) => organOf(p.unitId, units)))];
    const inOrgan = (organ: string) => seeded.people.filter((p) => p.leader && organOf(p.unitId, units) === organ && p.unitId !== organ);
    // One moved from organ A to B in September (reviewed there in September); one the other way,
    // reviewed in A to the end and only then moved (their months still count in A).
    const [leaver] = inOrgan(a!);
    const [latecomer] = inOrgan(b!);
    const target = inOrgan(b!)[1]!.unitId;
    await store.db.updateTable('monthly_reviews').set({ unit_id: target }).where('open_id', '=', leaver!.openId).where('month_key', '=', '2026-09').execute();
    await store.db.updateTable('people').set({ unit_id: target }).where('open_id', '=', leaver!.openId).execute();
    await store.db.updateTable('people').set({ unit_id: inOrgan(a!)[5]!.unitId }).where('open_id', '=', latecomer!.openId).execute();

    for (const rules of [defaultRules(), parseRules({ quarterly: { quota_scope: 'division' } })]) {
      const city = await loadQuarterInputs(store.db, '2026-Q3');
      const scopes = await scopesWithData(store.db, rules, '2026-Q3', city);
      expect(scopes.length).toBeGreaterThan(2);
      for (const scopeId of scopes) {
        const own = await computeScopeProposals(store.db, rules, scopeId, '2026-Q3', units);
        const sliced = await computeScopeProposals(store.db, rules, scopeId, '2026-Q3', units, city);
        expect(own).toEqual(sliced);
      }
      const ids = (scopeId: string) => async () =>
        (await computeScopeProposals(store.db, rules, scopeId, '2026-Q3', units)).pools.flatMap((p) => p.proposals.map((x) => x.openId));
      if (rules.quarterly.quota_scope === 'organ') {
        expect(await ids(b!)()).toContain(leaver!.openId);
        expect(await ids(a!)()).not.toContain(leaver!.openId);
        expect(await ids(b!)()).toContain(latecomer!.openId);
      }
    }
  });
});
