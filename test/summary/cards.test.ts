import { describe, expect, it } from 'vitest';
import type { DeterminationView } from '../../src/core/quarterly/views';
import type { SummaryFormVm } from '../../src/core/summary/views';
import { monthlyGradingCard } from '../../src/features/monthly/monthly-form.card';
import { quarterDeterminationCard } from '../../src/features/quarterly/quarterly-determination.card';
import { summaryFormCard } from '../../src/features/summary/summary-form.card';
import { summaryReadCard } from '../../src/features/summary/summary-read.card';
import { defaultRules } from '../../src/core/rules/rules';
import { prefillText } from '../../src/core/summary/prefill';
import { countElements } from '../../src/sandbox';
import { larkCard } from '../helpers/cards';
import { Harness } from '../helpers/harness';

const rules = defaultRules();
const text = (card: Record<string, unknown>) => Harness.textOf(card);

const prompt: SummaryFormVm = {
  periodKey: '2026-Q3',
  periodLabel: '2026年第三季度',
  purpose: 'prompt',
  text: prefillText({ weeks: 13, written: 2, done: ['完成档案数字化第一批扫描', '起草季度工作总结'], bonusClaims: ['牵头完成档案专项整理（*市级*表彰）'] }, 800),
  source: 'prefill',
  submittedAtLabel: null,
  draftSavedAtLabel: null,
  dueLabel: '10月13日（周二）18:00',
  late: false,
  locked: false,
  maxChars: 800,
  records: { weeks: 13, written: 2, bonusClaims: 1 },
  notice: null,
};

describe('个人小结 cards', () => {
  it('the prompt, prefilled from the weekly records, with 保存草稿 and 提交', () => {
    const card = larkCard(summaryFormCard(prompt));
    expect(card).toMatchSnapshot();
    expect(text(card)).toContain('13 周中已填 2 周，申报加分 1 项');
  });

  it('a kept draft, a reminder, a refused submission with its reason, a submitted and a closed summary', () => {
    expect(larkCard(summaryFormCard({ ...prompt, purpose: 'form', source: 'draft', text: '草稿', draftSavedAtLabel: '10月9日（周五）16:00' }))).toMatchSnapshot();
    expect(larkCard(summaryFormCard({ ...prompt, purpose: 'reminder' }))).toMatchSnapshot();
    const refused = larkCard(summaryFormCard({ ...prompt, source: 'input', text: '档'.repeat(900), notice: { kind: 'error', text: '个人小结不超过 800 字，当前 900 字，请删减 100 字后再提交。已为您保留原文（存为草稿）。' } }));
    expect(text(refused)).toContain('⚠️ 个人小结不超过 800 字');
    expect(JSON.stringify(refused)).toContain('档'.repeat(900));
    const submitted = { ...prompt, purpose: 'form' as const, source: 'submitted' as const, text: '本季度完成档案数字化', submittedAtLabel: '10月9日（周五）16:00' };
    expect(larkCard(summaryFormCard({ ...submitted, notice: { kind: 'ok', text: '已提交2026年第三季度的个人小结（10 字）' } }))).toMatchSnapshot();
    const closed = larkCard(summaryFormCard({ ...submitted, locked: true }));
    expect(closed).toMatchSnapshot();
    expect(JSON.stringify(closed)).not.toContain('"tag":"form"');
  });

  it('a card with no due date while next year’s holidays are unknown, and a late one', () => {
    expect(text(larkCard(summaryFormCard({ ...prompt, periodLabel: '2026年第四季度', dueLabel: null })))).toContain('下一考核期开始后的前几个工作日内提交');
    expect(text(larkCard(summaryFormCard({ ...prompt, purpose: 'form', late: true })))).toContain('请尽快补交');
  });

  it('what a supervisor sees with 小结 姓名', () => {
    expect(larkCard(summaryReadCard({ name: '赵敏', unitName: '办公室', periodLabel: '2026年第三季度', content: '本季度完成 *档案* 数字化', submittedAtLabel: '10月9日（周五）16:00' }))).toMatchSnapshot();
    expect(text(larkCard(summaryReadCard({ name: '张丽', unitName: '办公室', periodLabel: '2026年第三季度', content: null, submittedAtLabel: null })))).toContain('尚未提交2026年第三季度的个人小结');
  });

  it('a prefill that would exceed the limit is cut to fit, saying so', () => {
    const many = prefillText({ weeks: 13, written: 13, done: Array.from({ length: 13 }, () => '长'.repeat(100)), bonusClaims: ['加分'.repeat(50)] }, 200);
    expect([...many].length).toBeLessThanOrEqual(200);
    expect(many).toContain('……（其余见周记）');
  });
});

describe('the summary on the grading and determination cards', () => {
  it('the grading card shows an excerpt of a long summary and says how to read it all', () => {
    const sheet = {
      review: { id: 'mr_1', openId: 'ou_zm', monthKey: '2026-09', unitId: 'D110', level: '一般干部', reviewerOpenId: null, work: null, conduct: null, bonuses: [], deductions: [], bonus: null, deduction: null, total: null, suggestedTier: null, tier: null, overrideReason: null, comment: null, status: 'pending' as const, revision: 0, updatedAt: '2026-10-08T01:00:00.000Z' },
      name: '赵敏',
      unitName: '办公室',
      level: '一般干部',
      reviewerName: null,
      weeks: [],
      scoring: rules.scoring,
      allowUndetermined: true,
      selfSummary: { periodLabel: '2026年第三季度', text: '总'.repeat(800), chars: 800, submittedAtLabel: '10月9日（周五）16:00' },
    };
    const card = larkCard(monthlyGradingCard(sheet));
    expect(card).toMatchSnapshot();
    expect(text(card)).toContain('（共 800 字，发送“小结 赵敏”查看全文）');
  });

  it('the worst determination page still fits when everyone wrote 800 characters: excerpts shrink, the count stays', () => {
    const name = '欧阳明月';
    const basis = '2026-04 较差 98.75 分、2026-05 试用期内（不计入）、2026-06 不定等次（不计入）；2026-06-08 入职，本季度 2 个月不在考核期内；试用期至 2026-08-31；2026-05 尚未评鉴；本季度计入考核的月份 1 个，少于 2 个，建议季度不定等次（不占“好”等次名额，不计入名额基数）';
    const rows = Array.from({ length: 20 }, (_, i) => ({ openId: `ou_${'f'.repeat(30)}${String(i).padStart(2, '0')}`, name, unitName: '政策法规与规范性文件审查处', score: '99.75', proposedTier: '不定等次', tier: '不定等次', basis, summary: '<小结>'.repeat(200) }));
    const names = rows.map(() => `${name}（99.75 分）`);
    const view: DeterminationView = {
      scopeId: 'R0', scopeName: '某市市场监督管理局机关', quarterKey: '2026-Q2', quarterLabel: '2026年第二季度', pool: '一般干部', page: 15, pages: 15, poolSize: 300, rated: 300, quota: 120,
      quotaRule: '全机关参评 300 人 × 40%，向下取整，共 120 人；按最大余数法分到各组，有参评人员的组至少 1 人：正职 4 人、副职 6 人、一般干部 110 人',
      quotaBasis: '地方通行做法；按本机关参评人数计算：国家规定', goodCount: 300,
      ruleNotes: ['月度等次封顶季度等次：有“较差”月份的，季度至多“一般”，有“一般”月份的，季度至多“较好”（依据：本系统默认）', '本季度计入考核的月份少于 2 个的，建议不定等次，不计入“好”等次名额基数（依据：本系统默认）', '试用期内的月份不计入，试用期内不定等次（依据：地方通行做法）'],
      rows, mustMove: { count: 180, names }, tie: { count: 20, names, seats: 3 }, tierOptions: ['好', '较好', '一般', '较差', '不定等次'],
      pending: rows.map(() => `${name}（2026年5月、2026年6月）`), recusal: { members: ['欧阳明月', '司马长风', '上官云'], confirmedBy: ['欧阳明月'] }, locked: null,
      notice: '欧阳明月 已确认本组结果。本组含 欧阳明月 本人的等次，须由另一位考核管理员或公务员局管理员复核确认后方可锁定。请核对后点击“确认审定”。',
      revision: '3f2a9c0d1b7e4a55', summaries: { periodLabel: '2026年第二季度', submitted: 300, total: 300 },
    };
    const worst = larkCard(quarterDeterminationCard(view));
    const bare = quarterDeterminationCard({ ...view, rows: rows.map((r) => ({ ...r, summary: null })) });
    expect(countElements(worst)).toBe(countElements(bare));
    expect(text(worst)).toContain('**个人小结**（2026年第二季度）：已提交 300/300 人');
    // The 30 KB left room for a short excerpt under each of the 20 people.
    expect(text(worst).match(/个人小结：/g)).toHaveLength(20);
    // A roomy page shows longer excerpts, line by line under each person.
    const small = larkCard(quarterDeterminationCard({ ...view, rows: rows.slice(0, 3).map((r) => ({ ...r, summary: '本季度完成档案数字化。'.repeat(20), basis: '按分数段建议' })), mustMove: { count: 0, names: [] }, tie: null, pending: [] }));
    expect(text(small)).toContain('个人小结：本季度完成档案数字化');
    expect(small).toMatchSnapshot();
  });
});
