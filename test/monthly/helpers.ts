import { buttonValue, cardTitle, type Card } from '../helpers/cards';
import { Harness } from '../helpers/harness';
import type { SandboxMessage } from '../../src/sandbox';
import { newId } from '../../src/core/ids';

/** 2026-11-02 is the first workday of November: the cards for October go out at 09:00. */
export const OCTOBER = '2026-10';
export const REVIEW_AT = '2026-11-02T09:00:00+08:00';

export type Form = Record<string, string>;

/** The grading card `leader` received for `person` (the latest one, if /评鉴 re-sent it). */
export function gradingCardFor(h: Harness, leader: string, person: string): { message: SandboxMessage; card: Card } {
  const hits = h
    .inbox(leader)
    // Matched on the card as sent: after a click Lark shows the callback's replacement card instead.
    .filter((m) => m.msg_type === 'interactive' && cardTitle(m.content as Card) === `月度考核评鉴 · ${person}`);
  const message = hits.at(-1);
  if (!message) throw new Error(`${leader} has no grading card for ${person}`);
  return { message, card: message.content as Card };
}

export const form = (over: Partial<Form> = {}): Form => ({
  work: '',
  conduct: '',
  bonuses: '',
  deductions: '',
  tier: 'auto',
  override_reason: '',
  comment: '',
  ...over,
});

/** Submits the grading form on the card `leader` got for `person`, clicked by `clicker` (default the leader). */
export async function submitGrade(h: Harness, leader: string, person: string, f: Form, clicker = leader) {
  const { message, card } = gradingCardFor(h, leader, person);
  return h.click(clicker, message, buttonValue(card, '提交评鉴'), f);
}

export async function reviewOf(h: Harness, person: string, month = OCTOBER) {
  return h.db
    .selectFrom('monthly_reviews')
    .selectAll()
    .where('open_id', '=', h.person(person).open_id)
    .where('month_key', '=', month)
    .executeTakeFirstOrThrow();
}

/** Everything a grading may change, to prove a refused click changed nothing. */
export async function gradingState(h: Harness) {
  const reviews = await h.db.selectFrom('monthly_reviews').selectAll().orderBy('id').execute();
  const audits = await h.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'monthly_review').orderBy('id').execute();
  return { reviews, audits };
}

export async function monthlyAudits(h: Harness, reviewId: string) {
  return h.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'monthly_review').where('entity_id', '=', reviewId).orderBy('at').orderBy('id').execute();
}

export async function lockQuarter(h: Harness, unitId: string, quarter: string, level: string) {
  await h.db.insertInto('quarter_locks').values({ unit_id: unitId, quarter_key: quarter, level, locked_by: 'test', locked_at: new Date().toISOString() }).execute();
}

/** A weekly record as the weekly feature stores it. */
export async function seedWeeklyLog(h: Harness, person: string, weekKey: string, opts: { late?: boolean; bonusClaim?: string | null; submittedAt: string }) {
  await h.db
    .insertInto('weekly_logs')
    .values({
      id: newId('wl'),
      open_id: h.person(person).open_id,
      week_key: weekKey,
      done: '完成本周工作',
      plan: '',
      bonus_claim: opts.bonusClaim ?? null,
      status: 'submitted',
      late: opts.late ? 1 : 0,
      revision: 1,
      submitted_at: new Date(opts.submittedAt).toISOString(),
      updated_at: new Date(opts.submittedAt).toISOString(),
      reviewer_open_id: null,
      review_comment: null,
      reviewed_at: null,
    })
    .execute();
}

