import { afterEach, describe, expect, it } from 'vitest';
import { rankingPublish } from '../../src/features/ranking/ranking-actions';
import { Harness } from '../helpers/harness';
import { buttonValue, cardOf } from '../helpers/cards';
import { CITY_CHAT, DRAFT_AT, ORGANS, RANKING_RULES, chatOf, rankingOrg, seedNovember, titled } from './helpers';

/** November: 市财政局's three people were graded 95 (好); the other organs' 88, 80, 70 (no 好). */
describe('通报表扬 (privacy.praise_named)', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  async function publishNovember(praise: boolean) {
    h = await Harness.start({ org: rankingOrg(), rules: { ...RANKING_RULES, privacy: { praise_named: praise } }, now: '2026-12-01T10:00:00+08:00' });
    await seedNovember(h);
    await h.runJob('unit-ranking', DRAFT_AT);
    const review = titled(h, '马管理', '审核 · 2026年11月')[0]!;
    await h.click('马管理', review, buttonValue(cardOf(review), rankingPublish));
  }

  it('names the people rated 好 in their own unit’s chat only, without @-mentions, when enabled', async () => {
    await publishNovember(true);
    const own = JSON.stringify(cardOf(h.inbox(chatOf('A1'))[0]!));
    const line = /通报表扬\*\*（本期“好”等次）：([^"]+)"/.exec(own)?.[1];
    expect(line?.split('、').sort()).toEqual([...ORGANS[0].people].sort());
    expect(own).not.toContain('<at');
    for (const chat of [chatOf('A2'), chatOf('A3'), chatOf('A4'), CITY_CHAT]) {
      const text = JSON.stringify(cardOf(h.inbox(chat)[0]!));
      for (const name of ORGANS.flatMap((o) => o.people)) expect(text).not.toContain(name);
    }
  });

  it('names nobody by default', async () => {
    await publishNovember(false);
    for (const chat of [...ORGANS.map((o) => chatOf(o.id)), CITY_CHAT]) {
      const text = JSON.stringify(cardOf(h.inbox(chat)[0]!));
      for (const name of ORGANS.flatMap((o) => o.people)) expect(text).not.toContain(name);
      expect(text).not.toContain('通报表扬');
    }
  });
});
