import { afterEach, describe, expect, it } from 'vitest';
import { excellentShareFor, goodShareFor } from '../../src/core/ranking/quota-effect.service';
import { basisRanking } from '../../src/core/ranking/quota-effect';
import { parseRules, type RulesInput } from '../../src/core/rules/rules';
import { InProcess } from '../helpers/in-process';
import { docOf, publish, rankingOrg } from './helpers';

describe('ranking classes feed the quotas of the next period', () => {
  let p: InProcess;
  afterEach(async () => p?.close());
  const start = (rules: RulesInput = {}) => InProcess.start({ org: rankingOrg(), rules });

  it('picks the ranking that ended last in the window, the half-year before the quarter when both end the same day', () => {
    const rating = parseRules({}).unit_rating;
    const pubs = [
      { periodKey: '2026-Q4', kind: 'quarter' as const },
      { periodKey: '2026-H2', kind: 'half' as const },
      { periodKey: '2026-12', kind: 'month' as const },
      { periodKey: '2027-Q1', kind: 'quarter' as const },
    ];
    expect(basisRanking(pubs, { from: '2026-01-01', to: '2026-12-31' }, rating)?.periodKey).toBe('2026-H2');
    expect(basisRanking(pubs, { from: '2026-04-01', to: '2027-03-31' }, rating)?.periodKey).toBe('2027-Q1');
    // Months are not a basis by default.
    expect(basisRanking([pubs[2]!], { from: '2026-01-01', to: '2026-12-31' }, rating)).toBeNull();
  });

  it('raises the annual 优秀 share of a 先进单位 to 25 % and lowers that of a 警示单位 to 10 %, saying why', async () => {
    p = await start();
    await publish(p.app.deps.db, docOf('2026-Q4', 'quarter', { A1: '一般', A4: '一般' }));
    await publish(p.app.deps.db, docOf('2026-H2', 'half', { A1: '先进单位', A2: '一般', A4: '警示单位' }));
    const a1 = await excellentShareFor(p.app.deps, 'A1', 2026);
    expect(a1).toEqual({
      share: 0.25,
      base: 0.2,
      cause: { className: '先进单位', periodKey: '2026-H2' },
      text: '因2026年下半年单位评优评差列为先进单位，年度考核“优秀”比例由 20% 调整为 25%（依据：国家规定）',
    });
    expect((await excellentShareFor(p.app.deps, 'A4', 2026)).text).toBe('因2026年下半年单位评优评差列为警示单位，年度考核“优秀”比例由 20% 调整为 10%（依据：本系统默认）');
    expect(await excellentShareFor(p.app.deps, 'A2', 2026)).toEqual({ share: 0.2, base: 0.2, cause: null, text: null });
    expect((await excellentShareFor(p.app.deps, 'A1', 2027)).share).toBe(0.2); // nothing published within 2027
  });

  it('moves the quarterly 好 share only where the rules give a class one, from the ranking before the quarter', async () => {
    p = await start({ unit_rating: { quota_effects: { classes: { 先进单位: { good_share: 0.45 }, 通报批评单位: { good_share: 0.3 } } } } });
    await publish(p.app.deps.db, docOf('2026-Q4', 'quarter', { A1: '先进单位', A3: '通报批评单位' }));
    await publish(p.app.deps.db, docOf('2027-Q1', 'quarter', { A1: '一般', A3: '一般' }));
    expect((await goodShareFor(p.app.deps, 'A1', '2027-Q1')).text).toBe('因2026年第四季度单位评优评差列为先进单位，平时考核“好”等次比例由 40% 调整为 45%（依据：本系统默认）');
    expect((await goodShareFor(p.app.deps, 'A3', '2027-Q1')).share).toBe(0.3);
    // For the second quarter the first quarter's ranking (一般) decides.
    expect((await goodShareFor(p.app.deps, 'A1', '2027-Q2')).share).toBe(0.4);
  });

  it('uses the latest version of a corrected ranking, and moves no organ quota when 处室 are ranked', async () => {
    p = await start();
    await publish(p.app.deps.db, docOf('2026-H2', 'half', { A1: '先进单位' }), 1);
    await publish(p.app.deps.db, docOf('2026-H2', 'half', { A1: '一般' }), 2);
    expect((await excellentShareFor(p.app.deps, 'A1', 2026)).share).toBe(0.2);
    const divisions = { ...p.app.deps, rules: parseRules({ unit_rating: { ranked: 'divisions' } }) };
    await publish(p.app.deps.db, docOf('2026-Q4', 'quarter', { A1: '先进单位' }));
    expect((await excellentShareFor(divisions, 'A1', 2026)).share).toBe(0.2);
  });
});
