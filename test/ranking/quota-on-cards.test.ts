import { afterEach, describe, expect, it } from 'vitest';
import type { RulesInput } from '../../src/core/rules/rules';
import { Harness } from '../helpers/harness';
import { CLOSE_AT, determinationCard, quarterOrg, seedQuarter, textOf } from '../quarterly/helpers';
import { docOf, publish } from './helpers';

/** The 好 seats a determination card's text gives. */
const seatsOn = (text: string) => Number(/\*\*“好”等次名额\*\*：(\d+) 人/.exec(text)?.[1]);

/** Seed 004: 排名靠前的单位“年度考核优秀比例提高”; here a rules file gives 先进单位 a larger 好 share too. */
describe('a published 评优评差 class moves the organ’s 好 quota on the determination card', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  /**
   * The second quarter closed under rules that give a 先进单位 a 60 % share (and `rules` besides);
   * with `published`, the first quarter's ranking made the organ R0 先进单位 before the close.
   */
  const closeQuarter = async (published: boolean, rules: RulesInput = {}) => {
    h = await Harness.start({
      org: quarterOrg(),
      now: '2026-06-30T10:00:00+08:00',
      rules: { ...rules, unit_rating: { quota_effects: { classes: { 先进单位: { good_share: 0.6 } } } } },
    });
    await seedQuarter(h);
    if (published) await publish(h.db, docOf('2026-Q1', 'quarter', { R0: '先进单位' }));
    await h.runJob('quarter-close', CLOSE_AT);
  };

  it('widens the seats of a 先进单位 organ for the next quarter and says why, with its basis', async () => {
    await closeQuarter(false);
    const before = textOf(determinationCard(h, '林管理', '一般干部'));
    expect(before).toContain('× 40%');

    // The first quarter's ranking, published before the second quarter closes, made the organ 先进单位.
    await publish(h.db, docOf('2026-Q1', 'quarter', { R0: '先进单位' }));
    await h.say('林管理', '审定');
    const after = textOf(determinationCard(h, '林管理', '一般干部'));
    expect(after).toContain('因2026年第一季度单位评优评差列为先进单位，平时考核“好”等次比例由 40% 调整为 60%（依据：本系统默认）');
    expect(after).toContain('× 60%');
    expect(seatsOn(after)).toBeGreaterThan(seatsOn(before));
  });

  it('moves the seats of every 处室 of a 先进单位 organ when the quota is counted per 处室', async () => {
    const seatsOf = async (published: boolean) => {
      // The organ R0 is what is ranked; 综合处 is one of its 处室.
      await closeQuarter(published, { quarterly: { quota_scope: 'division' } });
      return textOf(determinationCard(h, '林管理', '一般干部', '综合处'));
    };
    const plain = await seatsOf(false);
    await h.close();
    const widened = await seatsOf(true);
    expect(plain).toContain('× 40%');
    expect(widened).toContain('因2026年第一季度单位评优评差列为先进单位，平时考核“好”等次比例由 40% 调整为 60%（依据：本系统默认）');
    expect(seatsOn(widened)).toBeGreaterThan(seatsOn(plain));
  });

  it('fits the close’s proposals to the widened seats when the class was published before the quarter closed', async () => {
    const goodProposals = async (published: boolean) => {
      await closeQuarter(published);
      const rows = await h.db.selectFrom('quarter_results').select(['pool', 'tier']).where('status', '=', 'proposed').execute();
      const seats = seatsOn(textOf(determinationCard(h, '林管理', '一般干部')));
      return { good: rows.filter((r) => r.pool === '一般干部' && r.tier === '好').length, seats };
    };
    const plain = await goodProposals(false);
    await h.close();
    const widened = await goodProposals(true);
    expect(widened.seats).toBeGreaterThan(plain.seats);
    expect(plain.good).toBe(plain.seats);
    expect(widened.good).toBe(widened.seats);
  });
});
