import { describe, expect, it } from 'vitest';
import type { Person } from '../../src/core/org/person';
import { rateesOf, rateesOfEveryone } from '../../src/core/peers/peer-answer.service';
import type { UnitIndex } from '../../src/core/quarterly/scope';
import { defaultRules, type Rules } from '../../src/core/rules/rules';

/** Two organs with two 处室 each, 民主测评 on for one (or both); names that sort by 拼音, a shared name, one person gone. */
const units: UnitIndex = new Map(
  [
    { id: 'R0', name: '某局', parentId: null },
    { id: 'R0-1', name: '办公室', parentId: 'R0' },
    { id: 'R0-2', name: '法规处', parentId: 'R0' },
    { id: 'R1', name: '另一局', parentId: null },
    { id: 'R1-1', name: '综合处', parentId: 'R1' },
  ].map((u) => [u.id, u]),
);
const person = (openId: string, name: string, unitId: string, active = true): Person => ({
  openId, userId: null, name, unitId, leaderOpenId: null, level: '一级科员', roles: ['staff'], active, promptOptOut: false,
  joinedAt: '2026-01-01T00:00:00.000Z', joinedOn: '2026-01-01', probationUntil: null,
});
const everyone = [
  person('ou_6', '赵六', 'R0-1'), person('ou_1', '张三', 'R0-1'), person('ou_2', '李四', 'R0-1'), person('ou_9', '李四', 'R0-1'),
  person('ou_3', '王五', 'R0-2'), person('ou_4', '陈七', 'R0-2'), person('ou_5', '阿九', 'R0-1', false), person('ou_7', '周八', 'R0'),
  person('ou_8', '钱一', 'R1-1'), person('ou_10', '孙二', 'R1-1'),
];
const rulesWith = (peers: Partial<Rules['peers']>): Rules => {
  const rules = defaultRules();
  return { ...rules, peers: { ...rules.peers, ...peers } };
};

describe('whom each rater rates (民主测评)', () => {
  it('groups the city once and gives every rater the list rating them one by one gives', () => {
    for (const rules of [rulesWith({ organs: ['R0'], raters: 'division' }), rulesWith({ organs: ['R0'], raters: 'organ' }), rulesWith({ organs: 'all', raters: 'division' })]) {
      const all = rateesOfEveryone(everyone, units, rules);
      // The job reads active people only; someone gone rates nobody either way.
      const oneByOne = everyone.filter((p) => p.active).map((rater) => ({ rater, ratees: rateesOf(rater, everyone, units, rules) })).filter((r) => r.ratees.length > 0);
      expect(all.map((r) => [r.rater.openId, r.ratees.map((p) => p.openId)])).toEqual(oneByOne.map((r) => [r.rater.openId, r.ratees.map((p) => p.openId)]));
    }
  });

  it('lists a 处室 by name in 拼音 order, a shared name by id, without the rater, anyone gone, or another organ', () => {
    const all = rateesOfEveryone(everyone, units, rulesWith({ organs: ['R0'], raters: 'division' }));
    const of = (openId: string) => all.find((r) => r.rater.openId === openId)?.ratees.map((p) => p.name);
    expect(of('ou_1')).toEqual(['李四', '李四', '赵六']);
    expect(of('ou_3')).toEqual(['陈七']);
    expect(of('ou_7')).toBeUndefined(); // alone at the organ's own level: nobody to rate
    expect(of('ou_8')).toBeUndefined(); // 民主测评 is off in 另一局
    expect(all.find((r) => r.rater.openId === 'ou_1')!.ratees.map((p) => p.openId)).toEqual(['ou_2', 'ou_9', 'ou_6']);
    const organWide = rateesOfEveryone(everyone, units, rulesWith({ organs: ['R0'], raters: 'organ' }));
    expect(organWide.find((r) => r.rater.openId === 'ou_7')!.ratees.map((p) => p.name)).toEqual(['陈七', '李四', '李四', '王五', '张三', '赵六']);
  });
});
