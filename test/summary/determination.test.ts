import { afterEach, describe, expect, it } from 'vitest';
import { cardOf, cardsTitled, larkCard } from '../helpers/cards';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { CLOSE_AT, EVERYONE, MONTHS, QUARTER, UNIT, quarterOrg, seedMonth } from '../quarterly/helpers';
import { seedSummary } from './helpers';

describe.each(dialectsUnderTest())('个人小结 on the quarterly determination card (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('counts who submitted in the pool and shows an excerpt under each of them', async () => {
    h = await Harness.start({ dialect, org: quarterOrg(), now: '2026-03-31T10:00:00+08:00' });
    for (const [i, name] of EVERYONE.entries()) for (const m of MONTHS) await seedMonth(h, name, m, 80 + i);
    await seedSummary(h, '江海燕', QUARTER, '本季度牵头完成综合材料起草二十余篇，参与专项督查；不足是统筹不够。', UNIT);
    await seedSummary(h, '程立新', QUARTER, '完成机关后勤保障工作。', UNIT);
    // Another pool's summary counts on that pool's card only.
    await seedSummary(h, '孙副一', QUARTER, '分管工作按计划推进。', UNIT);
    await h.runJob('quarter-close', CLOSE_AT);

    const cards = cardsTitled(h, '韩管理', '季度审定 · 某市某局 · 一般干部');
    expect(cards).toHaveLength(1);
    const card = larkCard(cardOf(cards[0]!));
    const text = Harness.textOf(card);
    expect(text).toContain('**个人小结**（2026年第二季度）：已提交 2/');
    expect(text).toContain('个人小结：本季度牵头完成综合材料起草二十余篇，参与专项督查；不足是统筹不够。');
    expect(text).toContain('个人小结：完成机关后勤保障工作。');
    expect(text).not.toContain('分管工作按计划推进');

    const deputies = Harness.textOf(larkCard(cardOf(cardsTitled(h, '韩管理', '季度审定 · 某市某局 · 副职')[0]!)));
    expect(deputies).toContain('**个人小结**（2026年第二季度）：已提交 1/');
    expect(deputies).toContain('个人小结：分管工作按计划推进。');
  });
});
