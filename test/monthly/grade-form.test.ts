import { describe, expect, it } from 'vitest';
import { defaultRules, parseRules } from '../../src/core/rules/rules';
import { DomainError } from '../../src/core/errors';
import { gradeFromForm, gradeToFormText, type GradeFormText } from '../../src/core/monthly/grade-form';
import { monthlySubmit } from '../../src/features/monthly/monthly-actions';

const rules = defaultRules();
const blank: GradeFormText = { work: '', conduct: '', bonuses: '', deductions: '', tier: '', overrideReason: '', comment: '' };
const f = (over: Partial<GradeFormText>): GradeFormText => ({ ...blank, ...over });

function problemsOf(form: GradeFormText, r = rules): string {
  try {
    gradeFromForm(form, r);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).message;
  }
  throw new Error('expected the form to be refused');
}

describe('gradeFromForm', () => {
  it('scores the form and follows the suggested tier when none is chosen', () => {
    const g = gradeFromForm(f({ work: '95', conduct: '90', bonuses: '2 获市级表彰\n1 承担专项任务', comment: '工作认真' }), rules);
    expect(g.score).toEqual({ base: 93, bonus: 3, deduction: 0, total: 96, suggestedTier: '好' });
    expect(g.tier).toBe('好');
    expect(g.bonuses).toEqual([
      { points: 2, reason: '获市级表彰' },
      { points: 1, reason: '承担专项任务' },
    ]);
    expect(g.comment).toBe('工作认真');
  });

  it('reads the ways people write item lines: full-width digits, 分, separators, reason first, a minus on deductions', () => {
    const g = gradeFromForm(
      f({ work: '８５', conduct: '80分', bonuses: '１.5分，获表彰\n承担专项任务 1', deductions: '-2 信息报送迟报\n\n1：会议迟到' }),
      rules,
    );
    expect(g.work).toBe(85);
    expect(g.conduct).toBe(80);
    expect(g.bonuses).toEqual([
      { points: 1.5, reason: '获表彰' },
      { points: 1, reason: '承担专项任务' },
    ]);
    expect(g.deductions).toEqual([
      { points: 2, reason: '信息报送迟报' },
      { points: 1, reason: '会议迟到' },
    ]);
  });

  it('lists every problem at once, naming the field and line', () => {
    const msg = problemsOf(f({ work: '优秀', conduct: '120', bonuses: '获表彰\n3', deductions: '' }));
    expect(msg).toContain('工作实绩请填写 0–100 之间的数字');
    expect(msg).toContain('工作作风须为 0 到 100 之间的分数');
    expect(msg).toContain('加分项第 1 行格式应为“分值 理由”');
    expect(msg).toContain('加分项第 2 行请在分值后写明理由');
  });

  it('needs both scores unless the month is 不定等次', () => {
    expect(problemsOf(f({ work: '90' }))).toContain('请填写工作作风');
    const g = gradeFromForm(f({ tier: '不定等次', overrideReason: '试用期未满' }), rules);
    expect(g).toMatchObject({ tier: '不定等次', score: null, work: null, conduct: null, suggestedTier: null });
  });

  it('refuses an override without a reason, and accepts it with one', () => {
    expect(problemsOf(f({ work: '85', conduct: '85', tier: '好' }))).toContain('与按分数建议的“较好”不同，请填写调整理由');
    const g = gradeFromForm(f({ work: '85', conduct: '85', tier: '好', overrideReason: '牵头完成全市专项检查' }), rules);
    expect(g).toMatchObject({ tier: '好', suggestedTier: '较好', overrideReason: '牵头完成全市专项检查' });
  });

  it('takes the 不定等次 reason from either field, and refuses it without one or when the rules forbid it', () => {
    expect(problemsOf(f({ tier: '不定等次' }))).toContain('评为不定等次须填写原因');
    expect(gradeFromForm(f({ tier: '不定等次', comment: '本月病假三周' }), rules).tier).toBe('不定等次');
    const strict = parseRules({ monthly: { allow_undetermined: false } });
    expect(problemsOf(f({ tier: '不定等次', overrideReason: '试用期' }), strict)).toContain('不允许评为不定等次');
  });

  it('refuses an unknown tier value', () => {
    expect(problemsOf(f({ work: '90', conduct: '90', tier: '优秀' }))).toContain('等次“优秀”无效');
  });

  it('round-trips a stored grade back into the form text', () => {
    const g = gradeFromForm(f({ work: '85', conduct: '85', bonuses: '2 获表彰', tier: '好', overrideReason: '专项' }), rules);
    const text = gradeToFormText({ ...g, suggestedTier: g.suggestedTier });
    expect(gradeFromForm(text, rules)).toEqual(g);
  });

  it('reads Lark form values as text, and refuses a form that is not the card’s', () => {
    expect(monthlySubmit.form.parse({ work: 90, conduct: '88', comment: null })).toEqual({ ...blank, work: '90', conduct: '88' });
    expect(monthlySubmit.form.parse({})).toEqual(blank);
    // A field of another shape cannot come from this card: the dispatcher answers “卡片已失效”.
    expect(monthlySubmit.form.safeParse({ work: '90', tier: ['x'] }).success).toBe(false);
  });
});
