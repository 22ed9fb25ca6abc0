import { newId } from '../../src/core/ids';
import type { SandboxMessage } from '../../src/sandbox';
import { cardOf, cardsTitled, type Card } from '../helpers/cards';
import type { Harness } from '../helpers/harness';

/** 2026-Q3: cards on Wednesday 30 September 10:00; reminder Saturday 10 October (a make-up workday) 09:00; due Tuesday 13 October 18:00. */
export const Q3 = '2026-Q3';
export const SEND_AT = '2026-09-30T10:00:00+08:00';
export const REMIND_AT = '2026-10-10T09:00:00+08:00';
/** September's grading cards: Thursday 8 October 09:00, the first workday after the National Day holiday. */
export const SEPT_REVIEW_AT = '2026-10-08T09:00:00+08:00';

/** The summary input's text on a card. */
export function summaryInput(card: Card): string | undefined {
  let found: string | undefined;
  const walk = (v: unknown): void => {
    if (found !== undefined || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if (o.tag === 'input' && o.name === 'summary') {
      found = String(o.default_value ?? '');
      return;
    }
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

export function summaryCards(h: Harness, name: string): SandboxMessage[] {
  return cardsTitled(h, name, '个人小结');
}

export const latestCard = (h: Harness, name: string): Card => cardOf(summaryCards(h, name).at(-1)!);

export async function summaryRow(h: Harness, name: string, period = Q3) {
  return h.db.selectFrom('self_summaries').selectAll().where('open_id', '=', h.person(name).open_id).where('period_key', '=', period).executeTakeFirst();
}

/** A weekly record as the weekly feature stores it. */
export async function seedLog(h: Harness, name: string, weekKey: string, done: string, bonusClaim: string | null = null) {
  const at = new Date('2026-09-01T10:00:00+08:00').toISOString();
  await h.db
    .insertInto('weekly_logs')
    .values({
      id: newId('wl'),
      open_id: h.person(name).open_id,
      week_key: weekKey,
      done,
      plan: '',
      bonus_claim: bonusClaim,
      status: 'submitted',
      late: 0,
      revision: 1,
      submitted_at: at,
      updated_at: at,
      reviewer_open_id: null,
      review_comment: null,
      reviewed_at: null,
    })
    .execute();
}

/** A submitted summary, as the card stores it. */
export async function seedSummary(h: Harness, name: string, period: string, content: string, unitId: string) {
  const at = new Date().toISOString();
  await h.db
    .insertInto('self_summaries')
    .values({ id: newId('ss'), open_id: h.person(name).open_id, period_key: period, unit_id: unitId, draft: null, draft_saved_at: null, content, submitted_at: at, revision: 1, created_at: at, updated_at: at })
    .execute();
}
