import { describe, expect, it } from 'vitest';
import { composeQuarterScore, describeParts, serviceAdjustment } from '../../src/core/peers/compose';
import { checkServiceRatingRows } from '../../src/core/peers/service-rating-import.service';
import { pointsOf } from '../../src/core/peers/peer-answer.service';
import { proposeQuarter } from '../../src/core/quarterly/proposal';
import { basisOf } from '../../src/core/rules/basis';
import { defaultRules, parseRules } from '../../src/core/rules/rules';

const months = (total: number) => ['2026-04', '2026-05', '2026-06'].map((month) => ({ month, tier: '好' as const, total, work: total, conduct: total }));

describe('rules of 民主测评 and 好差评', () => {
  it('are off by default, each with its basis', () => {
    const r = defaultRules();
    expect(r.peers).toMatchObject({ organs: [], period: 'quarter', raters: 'division', scale: 'tiers', min_answers: 5, weights: { leader: 0.7, peers: 0.3 } });
    expect(r.service_rating.adjust).toBe('none');
    for (const path of ['peers.organs', 'peers.weights', 'peers.min_answers', 'peers.raters', 'service_rating.adjust', 'service_rating.good_points']) expect(basisOf(path), path).toBeDefined();
    expect(() => parseRules({ peers: { weights: { leader: 0.8, peers: 0.3 } } })).toThrow('权重之和须为 1');
  });

  it('map answers to the 100-point scale and refuse what a card does not offer', () => {
    const tiers = parseRules({});
    expect(['好', '较好', '一般', '较差', '优秀', 3].map((v) => pointsOf(v, tiers))).toEqual([100, 85, 70, 50, null, null]);
    const points = parseRules({ peers: { scale: 'points' } });
    expect(['5', '1', '0', '6', '好'].map((v) => pointsOf(v, points))).toEqual([100, 20, null, null, null]);
  });
});

describe('the composed quarterly score', () => {
  const rules = parseRules({ peers: { organs: 'all' }, service_rating: { adjust: 'counts' } });

  it('is exactly the months’ mean when peers are off or too few answered, and nothing is applied', () => {
    const off = proposeQuarter(months(91.5), defaultRules());
    const withVoices = proposeQuarter(months(91.5), defaultRules(), { quarterKey: '2026-Q2', voices: { peer: { answers: 4, score: null }, service: null } });
    expect(withVoices.score).toBe(off.score);
    expect(withVoices.parts).toBeNull();
    expect(withVoices.basis).toContain('民主测评有效答卷不足 5 份，不计入');
    expect(withVoices.basis).not.toContain('4 份');
  });

  it('weighs 领导评鉴 and 民主测评 and keeps the 好差评 adjustment within the monthly caps', () => {
    expect(composeQuarterScore(80, { peer: { answers: 7, score: 100 } }, rules)).toMatchObject({ score: 86, parts: { leader: 80, peer: 100, peerAnswers: 7, service: null } });
    // 100 好评 × 0.1 = 10, capped at the bonus cap 6; 30 差评 × 1 = 30, capped at the deduction cap 20.
    expect(serviceAdjustment({ good: 100, bad: 0, score: null }, rules)).toBe(6);
    expect(serviceAdjustment({ good: 0, bad: 30, score: null }, rules)).toBe(-20);
    expect(serviceAdjustment({ good: 100, bad: 30, score: null }, rules)).toBe(-14);
    const byScore = parseRules({ service_rating: { adjust: 'score', score_baseline: 90, score_points: 0.2 } });
    expect(serviceAdjustment({ good: 0, bad: 0, score: 97.5 }, byScore)).toBe(1.5);
    expect(serviceAdjustment({ good: 0, bad: 0, score: null }, byScore)).toBeNull();
    expect(serviceAdjustment({ good: 5, bad: 5, score: 60 }, defaultRules())).toBeNull();
    // The total stays within 0–100.
    expect(composeQuarterScore(99, { service: { good: 60, bad: 0, score: null } }, rules).score).toBe(100);
    const parts = composeQuarterScore(75, { peer: { answers: 5, score: 62 }, service: { good: 3, bad: 2, score: null } }, rules);
    expect(parts.score).toBe(69.4);
    expect(describeParts(parts.parts, parts.score, rules)).toBe('领导评鉴 75 分 × 70% + 民主测评 62 分 × 30%（5 份答卷） −1.7 分（服务对象评价） = 69.4 分');
  });
});

describe('service-rating rows', () => {
  it('accept a window id the rules map, and say what to fix on each bad row', () => {
    const rules = parseRules({ service_rating: { windows: { 'CK-01': 'ou_a' } } });
    const rows = [
      { line: 2, values: { open_id: 'CK-01', period: '2026-Q2', good: '10', bad: '0', score: '98.5' } },
      { line: 3, values: { open_id: 'ou_b', period: '2026-05', good: '-1', bad: '', score: '' } },
      { line: 4, values: { open_id: '', period: '2026', good: '1', bad: '1', score: '' } },
    ];
    const out = checkServiceRatingRows(rows, rules, (id) => id === 'ou_a' || id === 'ou_b');
    expect(out.rows).toEqual([{ openId: 'ou_a', periodKey: '2026-Q2', good: 10, bad: 0, score: 98.5 }]);
    expect(out.problems).toEqual([
      { line: 3, reason: '好评数 good 应为不小于 0 的整数（实为“-1”）；差评数 bad 应为不小于 0 的整数（实为“”）' },
      { line: 4, reason: '缺少 open_id（人员 open_id 或已在规则 service_rating.windows 中登记的窗口编号）；期间应为月或季度，例如 2026-05 或 2026-Q2（实为“2026”）' },
    ]);
  });
});
