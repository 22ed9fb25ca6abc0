import { describe, expect, it } from 'vitest';
import { helpCard, helpView, unrecognizedCard } from '../cards/help.card';
import { annualYearEndCard } from '../src/features/annual/annual-year-end.card';
import { creditsUnitCard } from '../src/features/credits/credits-unit.card';
import { quarterTeamSummaryCard } from '../src/features/quarterly/quarterly-team-summary.card';
import { weeklyDigestCard } from '../src/features/weekly/weekly-digest.card';
import { weeklyTeamCard } from '../src/features/weekly/weekly-team.card';
import { allFeatures } from '../src/features';
import { larkCard } from './helpers/cards';

/**
 * The cards whose length grows with the people they list, rendered for a 300-person organ with long
 * names, pass the same checks Feishu makes (the sandbox's validator). The other builders are checked
 * on every snapshot (test/<feature>/cards.test.ts), and the large determination and ranking cards in
 * test/quarterly/large-pool.test.ts and test/ranking/card-limits.test.ts.
 */
const PEOPLE = 300;
const names = Array.from({ length: PEOPLE }, (_, i) => `欧阳·${'明'.repeat(4)}${i}`);
const unitName = '政策法规与规范性文件审查处';

describe('cards that list people stay within Feishu’s limits for a 300-person organ', () => {
  it('the supervisor’s weekly digest and /团队', () => {
    larkCard(weeklyDigestCard({ weekKey: '2026-W47', weekLabel: '2026年第47周（11月16日—11月22日）', onTime: names.slice(0, 100), late: names.slice(100, 200), missing: names.slice(200, 280), onLeave: names.slice(280), awaitingReview: 200 }));
    larkCard(
      weeklyTeamCard({
        weekKey: '2026-W47',
        weekLabel: '2026年第47周（11月16日—11月22日）',
        scopeLabel: unitName,
        dueLabel: '11月20日（周五）18:00',
        rows: names.map((name, i) => ({ name, status: i % 3 ? '按时提交' : '未提交', submitted: i % 3 ? '11月19日（周四）16:00' : '—' })),
        written: 200,
        expected: PEOPLE,
        owing: 100,
        lastWeek: false,
      }),
    );
  });

  it('a unit’s 学时 completion with everyone behind', () => {
    const behind = names.map((name, i) => ({ openId: `ou_${i}`, name, remainingHours: 90 - (i % 90), missing: '集中培训差 45.5、网络学习差 25' }));
    const card = larkCard(creditsUnitCard({ unitId: 'U1', unitName, year: 2026, completion: { headcount: PEOPLE, met: 0, completionRate: 0, behind } }, { subtitle: '年中学时进度提醒' }));
    // The ones cut for length are counted, never silently dropped.
    expect(JSON.stringify(card)).toContain('差额较小的 150 人未列出');
  });

  it('a supervisor’s quarterly team summary and the year-end card of an organ', () => {
    larkCard(quarterTeamSummaryCard({ quarterLabel: '2026年第二季度', unitName, level: '一般干部', rows: names.map((name) => ({ name, score: '99.75', tier: '较好' })) }));
    larkCard(
      annualYearEndCard({
        organName: '某市市场监督管理局机关',
        year: '2026',
        participants: PEOPLE,
        ceiling: { count: 60, text: `${PEOPLE} 人 × 20%，向下取整（依据：国家规定）`, adjustment: '因2026年下半年单位评优评差列为先进单位，年度考核“优秀”比例由 20% 调整为 25%（依据：国家规定）', reduction: '本机关学时达标 200/300 人（66.7%），低于 100%，优秀比例核减 5%（依据：本系统默认）' },
        eligible: names.slice(0, 150).map((name) => ({ name, unitName })),
        deferred: names.slice(150).map((name) => ({ name, unitName, shortfall: '集中培训差 45.5、网络学习差 25' })),
        notEligible: 0,
        undetermined: 12,
        makeUpUntil: '2027-03-31',
      }),
    );
  });

  it('help and the answer to unknown input, for the person who may use everything', () => {
    const admin = { openId: 'ou_a', userId: null, name: '刘洋', unitId: 'U1', leaderOpenId: null, level: '一般干部', roles: ['staff', 'supervisor', 'unit_admin', 'admin'] as const, active: true, promptOptOut: false, joinedAt: '2026-01-01T00:00:00.000Z', joinedOn: '2026-01-01', probationUntil: null };
    const commands = allFeatures.flatMap((f) => f.commands);
    const person = { ...admin, roles: [...admin.roles] };
    larkCard(helpCard(helpView(person, commands, ['规则一（依据：国家规定）', '规则二（依据：地方通行做法）'])));
    larkCard(unrecognizedCard(helpView(person, commands), '今天天气不错，我们去爬山吧'));
  });
});
