import { afterEach, describe, expect, it } from 'vitest';
import { quarterDeterminationCard } from '../../src/features/quarterly/quarterly-determination.card';
import type { DeterminationView } from '../../src/core/quarterly/views';
import { buildOrg } from '../../src/sandbox';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { buttonValue, cardOf, cardsTitled, expectToast, larkCard } from '../helpers/cards';
import { countElements } from '../../src/sandbox';
import { CLOSE_AT, MONTHS, formOf, seedMonth, textOf, tierField, tiersOf } from './helpers';

/**
 * Feishu refuses a Card JSON 2.0 card with more than 200 elements (every tagged node, every
 * plain_text among them) or over 30 KB. Until the strict sandbox validator lands, these tests count
 * both themselves. Organ-wide pools are large, so a pool's determination is split into pages.
 */

describe('determination pages stay within Feishu’s limits', () => {
  it('a full page with every note a card can carry, the longest texts a 300-person organ gives', () => {
    const name = '欧阳明月'; // four characters
    const unit = '政策法规与规范性文件审查处';
    const basis = '2026-04 较差 98.75 分、2026-05 试用期内（不计入）、2026-06 不定等次（不计入）；2026-06-08 入职，本季度 2 个月不在考核期内；试用期至 2026-08-31；2026-05 尚未评鉴；本季度计入考核的月份 1 个，少于 2 个，建议季度不定等次（不占“好”等次名额，不计入名额基数）';
    const rows = Array.from({ length: 20 }, (_, i) => ({ openId: `ou_${'f'.repeat(30)}${String(i).padStart(2, '0')}`, name, unitName: unit, score: '99.75', proposedTier: '不定等次', tier: '不定等次', basis }));
    const names = rows.map(() => `${name}（99.75 分）`);
    const view: DeterminationView = {
      scopeId: 'R0',
      scopeName: '某市市场监督管理局机关',
      quarterKey: '2026-Q2',
      quarterLabel: '2026年第二季度',
      pool: '一般干部',
      page: 15,
      pages: 15,
      poolSize: 300,
      rated: 300,
      quota: 120,
      quotaRule: '全机关参评 300 人 × 40%，向下取整，共 120 人；按最大余数法分到各组，有参评人员的组至少 1 人：正职 4 人、副职 6 人、一般干部 110 人',
      quotaBasis: '地方通行做法；按本机关参评人数计算：国家规定',
      goodCount: 300,
      ruleNotes: [
        '月度等次封顶季度等次：有“较差”月份的，季度至多“一般”，有“一般”月份的，季度至多“较好”（依据：本系统默认）',
        '本季度计入考核的月份少于 2 个的，建议不定等次，不计入“好”等次名额基数（依据：本系统默认）',
        '试用期内的月份不计入，试用期内不定等次（依据：地方通行做法）',
      ],
      rows,
      mustMove: { count: 180, names },
      tie: { count: 20, names, seats: 3 },
      tierOptions: ['好', '较好', '一般', '较差', '不定等次'],
      pending: rows.map(() => `${name}（2026年5月、2026年6月）`),
      recusal: { members: ['欧阳明月', '司马长风', '上官云'], confirmedBy: ['欧阳明月'] },
      locked: null,
      notice: '欧阳明月 已确认本组结果。本组含 欧阳明月 本人的等次，须由另一位考核管理员或公务员局管理员复核确认后方可锁定。请核对后点击“确认审定”。',
      revision: '3f2a9c0d1b7e4a55',
    };
    const card = quarterDeterminationCard(view);
    if (process.env.PRINT_CARD_SIZES) console.log(`worst page: ${countElements(card)} elements, ${Buffer.byteLength(JSON.stringify(card))} bytes`);
    larkCard(card);
    const locked = quarterDeterminationCard({ ...view, locked: { byName: name, atLabel: '7月9日 10:00', countersignedBy: '司马长风' } });
    larkCard(locked);
  });
});

describe.each(dialectsUnderTest())('a pool of 40 people (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('ends in page cards within the limits that name all 40; each page saves its own choices and the admin confirms the whole pool', async () => {
    const staff = Array.from({ length: 40 }, (_, i) => ({ name: `干部${String(i + 1).padStart(2, '0')}`, userId: `g${i + 1}` }));
    const org = buildOrg({
      tenantKey: 'big',
      root: { id: 'O1', name: '某市大局', leader: { name: '局长', userId: 'juzhang', level: '正职' } },
      units: [
        { id: 'B1', name: '业务处', leader: { name: '处长甲', userId: 'cz', level: '副职', roles: ['staff', 'supervisor', 'unit_admin'] }, staff },
      ],
    });
    h = await Harness.start({ dialect, org, now: '2026-03-31T10:00:00+08:00' });
    for (const [i, s] of staff.entries()) for (const m of MONTHS) await seedMonth(h, s.name, m, 80 + i * 0.5);
    for (const m of MONTHS) await seedMonth(h, '处长甲', m, 91);
    await h.runJob('quarter-close', CLOSE_AT);

    const pages = cardsTitled(h, '处长甲', '季度审定 · 某市大局 · 一般干部');
    expect(pages).toHaveLength(2);
    const everyone = pages.map((m) => JSON.stringify(cardOf(m))).join('\n');
    for (const s of staff) expect(everyone, s.name).toContain(`**${s.name}**`);
    for (const m of pages) {
      larkCard(cardOf(m));
    }
    expect(textOf(pages[0]!)).toContain('第 1/2 页');
    // 41 rated (the 副职 处长甲 too): 16 seats, 一般干部 40 × 40% = 16 → the 一般干部 get 15 or 16 of them.
    const [page1, page2] = pages as [typeof pages[0], typeof pages[0]];

    // Page 2 (the lower scores) saves its own change; page 1's card is still good afterwards.
    const lowest = '干部01';
    const saved = await h.click('处长甲', page2, buttonValue(cardOf(page2), '保存本页'), { ...formOf(cardOf(page2)), [tierField(h, lowest)]: '一般' });
    expectToast(saved, 'success', '已保存调整');
    expect((await tiersOf(h))[lowest]).toMatchObject({ tier: '一般', status: 'proposed' });

    // A page-1 form naming someone of page 2 does not change them: a page only carries its own people.
    const form1 = { ...formOf(cardOf(page1)), [tierField(h, lowest)]: '较好' };
    const confirmed = await h.click('处长甲', page1, buttonValue(cardOf(page1), '确认审定'), form1);
    expectToast(confirmed, 'success', '已确认审定并锁定');
    const tiers = await tiersOf(h);
    expect(tiers[lowest]).toMatchObject({ tier: '一般', status: 'confirmed' });
    expect(staff.every((s) => tiers[s.name]!.status === 'confirmed')).toBe(true);
    const good = staff.filter((s) => tiers[s.name]!.tier === '好').length;
    expect(good).toBeGreaterThan(0);
    expect(good).toBeLessThanOrEqual(16);
    for (const s of staff) expect(cardsTitled(h, s.name, '平时考核结果反馈'), s.name).toHaveLength(1);
    // Page 2's old buttons are refused now that the pool is locked.
    expectToast(await h.click('处长甲', page2, buttonValue(cardOf(page2), '确认审定'), formOf(cardOf(page2))), 'error', '本季度已审定锁定');
  });
});
