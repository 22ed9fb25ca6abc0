import { formatPeriodLabel, parsePeriodKey, shanghaiDate } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { forbidden, invalidInput, locked } from '../errors';
import type { Person } from '../org/person';
import { instantLabel } from '../weekly/format';
import { periodRecords, prefillText, type PeriodRecords } from './prefill';
import { charCount, type SelfSummary } from './self-summary';
import * as repo from './self-summary.repository';
import { summaryDueAtIfKnown, summaryPeriodDue, summaryPeriodOf } from './summary-schedule';
import type { SummaryFormVm, SummaryPurpose } from './views';

export const NOT_IN_PERIOD = '您在该考核期结束后才加入，无需填写该期个人小结。';

/** Whether `person` owes a summary for the period: they had joined by its end. */
export const owesSummary = (person: Person, periodKey: string): boolean => person.joinedOn <= parsePeriodKey(periodKey).end;

/**
 * The period `小结` opens: the latest whose cards have gone out, unless the person joined after it
 * or it is submitted and closed — then the period in progress (a draft may be started early).
 */
export async function summaryPeriodFor(deps: CoreDeps, person: Person): Promise<string> {
  const now = deps.clock.now();
  const current = summaryPeriodOf(deps.rules.self_summary, shanghaiDate(now));
  const due = summaryPeriodDue(now, deps.calendar, deps.rules);
  if (!due || due === current || !owesSummary(person, due)) return current;
  const s = await repo.findSummary(deps.db, person.openId, due);
  return s && isClosed(deps, s) ? current : due;
}

function isClosed(deps: CoreDeps, s: SelfSummary): boolean {
  const dueAt = summaryDueAtIfKnown(s.periodKey, deps.calendar, deps.rules.self_summary);
  return s.submittedAt !== null && dueAt !== null && deps.clock.now() >= dueAt;
}

/** A period key typed by a person: of the configured kind (quarter or month), else a clear refusal. */
export function parseSummaryPeriod(rules: CoreDeps['rules']['self_summary'], key: string): string {
  const p = parsePeriodKey(key);
  if (p.kind !== rules.period) throw invalidInput(`个人小结按${rules.period === 'quarter' ? '季度（如 2026-Q3）' : '月（如 2026-09）'}填写，${key} 不是${rules.period === 'quarter' ? '季度' : '月份'}。`);
  return p.key;
}

export function assertPeriod(deps: CoreDeps, person: Person, periodKey: string): void {
  const p = parsePeriodKey(parseSummaryPeriod(deps.rules.self_summary, periodKey));
  if (p.start > shanghaiDate(deps.clock.now())) throw invalidInput('该考核期尚未开始。');
  if (!owesSummary(person, periodKey)) throw forbidden(NOT_IN_PERIOD);
}

type FormOptions = { purpose?: SummaryPurpose; input?: string; notice?: SummaryFormVm['notice'] };

/** The form card of the person's own summary; `input` keeps text a refused click carried. */
export async function summaryForm(deps: CoreDeps, person: Person, periodKey: string, opts: FormOptions = {}): Promise<SummaryFormVm> {
  return (await summaryForms(deps, [person], periodKey, opts))[0]!;
}

/** summaryForm for each of many people (a job's cards), in their order: their summaries and records read together. */
export async function summaryForms(deps: CoreDeps, people: readonly Person[], periodKey: string, opts: FormOptions = {}): Promise<SummaryFormVm[]> {
  const openIds = people.map((p) => p.openId);
  const [summaries, records] = await Promise.all([repo.findSummariesOf(deps.db, periodKey, openIds), periodRecords(deps, openIds, periodKey)]);
  return people.map((p) => formVm(deps, periodKey, summaries.get(p.openId) ?? null, records.get(p.openId)!, opts));
}

function formVm(deps: CoreDeps, periodKey: string, s: SelfSummary | null, records: PeriodRecords, opts: FormOptions): SummaryFormVm {
  const r = deps.rules.self_summary;
  const dueAt = summaryDueAtIfKnown(periodKey, deps.calendar, r);
  const now = deps.clock.now();
  const [text, source]: [string, SummaryFormVm['source']] =
    opts.input !== undefined
      ? [opts.input, 'input']
      : s?.draft != null
        ? [s.draft, 'draft']
        : s?.content != null
          ? [s.content, 'submitted']
          : [prefillText(records, r.max_chars), 'prefill'];
  return {
    periodKey,
    periodLabel: formatPeriodLabel(periodKey),
    purpose: opts.purpose ?? 'form',
    text,
    source,
    submittedAtLabel: s?.submittedAt ? instantLabel(s.submittedAt) : null,
    draftSavedAtLabel: s?.draft != null && s.draftSavedAt ? instantLabel(s.draftSavedAt) : null,
    dueLabel: dueAt ? instantLabel(dueAt) : null,
    late: !s?.submittedAt && dueAt !== null && now >= dueAt,
    locked: s ? isClosed(deps, s) : false,
    maxChars: r.max_chars,
    records: { weeks: records.weeks, written: records.written, bonusClaims: records.bonusClaims.length },
    notice: opts.notice ?? null,
  };
}

export type SaveOutcome = { ok: true; vm: SummaryFormVm } | { ok: false; vm: SummaryFormVm; message: string };

/**
 * 保存草稿 (`submit: false`) or 提交. The draft is kept until a submission replaces it. Text over
 * the limit is refused with the count, and kept: as the draft, and in the returned card.
 */
export async function saveSummary(deps: CoreDeps, person: Person, input: { periodKey: string; text: string; submit: boolean }): Promise<SaveOutcome> {
  assertPeriod(deps, person, input.periodKey);
  const max = deps.rules.self_summary.max_chars;
  const text = input.text.replace(/\r\n/g, '\n').trim();
  const now = deps.clock.now();
  const at = now.toISOString();
  for (let attempt = 0; attempt < 3; attempt++) {
    const s = await repo.ensureSummary(deps.db, person.openId, input.periodKey, person.unitId, now);
    if (isClosed(deps, s)) throw locked(`${formatPeriodLabel(s.periodKey)}的个人小结已提交，提交截止后不能再修改。`);
    const tooLong = charCount(text) > max;
    const refusal = tooLong
      ? `个人小结不超过 ${max} 字，当前 ${charCount(text)} 字，请删减 ${charCount(text) - max} 字后再${input.submit ? '提交' : '保存'}。已为您保留原文（存为草稿）。`
      : input.submit && text === ''
        ? '个人小结不能为空，请填写后再提交。'
        : null;
    const change =
      refusal || !input.submit
        ? { draft: text, draftSavedAt: at }
        : { draft: null, draftSavedAt: null, content: text, submittedAt: at };
    if (refusal && text === '') {
      return { ok: false, message: refusal, vm: await summaryForm(deps, person, input.periodKey, { input: text, notice: { kind: 'error', text: refusal } }) };
    }
    if (!(await repo.updateIfRevision(deps.db, s.id, s.revision, change, now))) continue;
    if (refusal) return { ok: false, message: refusal, vm: await summaryForm(deps, person, input.periodKey, { input: text, notice: { kind: 'error', text: refusal } }) };
    const done = input.submit
      ? `已提交${formatPeriodLabel(input.periodKey)}的个人小结（${charCount(text)} 字），主管领导评鉴时可见。截止前可修改后重新提交。`
      : `草稿已保存（${charCount(text)} 字），提交前随时可以发送“小结”继续填写。`;
    return { ok: true, vm: await summaryForm(deps, person, input.periodKey, { notice: { kind: 'ok', text: done } }) };
  }
  throw locked('个人小结正在别处保存，请稍后重试。');
}
