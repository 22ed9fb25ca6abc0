import { describe, expect, it } from 'vitest';
import { checkpointFor, checkpointKey, isBehind, whatIsStillNeeded, yearProgress } from '../../src/core/credits';
import { rec, training, trainingWith } from './helpers';

describe('checkpointFor', () => {
  it('follows the configured dates (06-30 and 12-01 by default)', () => {
    expect(checkpointFor('2026-06-29', training)).toBeNull();
    expect(checkpointFor('2026-06-30', training)).toBe('midyear');
    expect(checkpointFor('2026-11-30', training)).toBe('midyear');
    expect(checkpointFor('2026-12-01', training)).toBe('yearend');
    expect(checkpointFor('2027-01-02', training)).toBeNull();
    expect(checkpointKey('2026-07-15', training)).toBe('2026-midyear');
    expect(checkpointKey('2026-01-15', training)).toBeNull();
    const custom = trainingWith({ midyear_checkpoint: { date: '07-15' }, yearend_checkpoint: { date: '11-20' } });
    expect(checkpointFor('2026-07-14', custom)).toBeNull();
    expect(checkpointFor('2026-11-20', custom)).toBe('yearend');
  });

  it('refuses a malformed date', () => {
    expect(() => checkpointFor('2026-6-30', training)).toThrow(/日期无效/);
  });
});

// Issue 10 item 6: each requirement is checked on its own (集中培训 ≥ 90, 网络学习 ≥ 50).
describe('isBehind', () => {
  it('midyear: the 50% line of each requirement (45 of 90, 25 of 50) is on track, just under is behind', () => {
    const at = yearProgress([rec(45), rec(25, 'online')], training, { year: 2026 });
    const under = yearProgress([rec(44.99), rec(25, 'online')], training, { year: 2026 });
    const onlineUnder = yearProgress([rec(90), rec(24.99, 'online')], training, { year: 2026 });
    expect(isBehind(at, 'midyear', training)).toBe(false);
    expect(isBehind(under, 'midyear', training)).toBe(true);
    expect(isBehind(onlineUnder, 'midyear', training)).toBe(true);
  });

  it('midyear uses expected_share from the rules', () => {
    const p = yearProgress([rec(45), rec(25, 'online')], training, { year: 2026 });
    expect(isBehind(p, 'midyear', trainingWith({ midyear_checkpoint: { expected_share: 0.6 } }))).toBe(true);
  });

  it('yearend: behind exactly when not met', () => {
    const met = yearProgress([rec(90), rec(50, 'online')], training, { year: 2026 });
    const notMet = yearProgress([rec(40), rec(90, 'online')], training, { year: 2026 });
    expect(isBehind(met, 'yearend', training)).toBe(false);
    expect(isBehind(notMet, 'yearend', training)).toBe(true);
  });
});

describe('whatIsStillNeeded', () => {
  it('names each shortfall', () => {
    const p = yearProgress([rec(35.5), rec(42, 'online'), rec(3, 'lecture', { status: 'pending' })], training, { year: 2026 });
    expect(whatIsStillNeeded(p)).toBe('2026 年还差集中培训 54.5 学时、网络学习 8 学时。另有 3 学时待审核。');
  });

  it('only online when the concentrated training is done', () => {
    const p = yearProgress([rec(95)], training, { year: 2026 });
    expect(whatIsStillNeeded(p)).toBe('2026 年还差网络学习 50 学时。');
  });

  it('points away from online study when its cap in a mixed requirement is reached', () => {
    const capped = trainingWith({ requirements: [{ name: '总学时', kinds: ['offline', 'online'], hours: 90 }], online_cap_share_of_total: 0.5 });
    const p = yearProgress([rec(60, 'online')], capped, { year: 2026 });
    expect(whatIsStillNeeded(p)).toContain('网络学时已达计入上限');
  });

  it('says done when met, each requirement', () => {
    const p = yearProgress([rec(90), rec(50, 'online')], training, { year: 2026 });
    expect(whatIsStillNeeded(p)).toBe('2026 年学时要求已完成（集中培训 90 / 90，网络学习 50 / 50）。');
  });
});
