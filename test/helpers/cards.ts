import { expect } from 'vitest';
import type { ActionSpec } from '../../cards/define-action';
import { issueText, validateCard, type SandboxMessage } from '../../src/sandbox';
import type { Harness } from './harness';

/** Card helpers every feature's tests share. */

export type Card = Record<string, unknown>;

/** A message's card as it is now (after patches or a callback's replacement). */
export const cardOf = (m: SandboxMessage): Card => (m.card ?? m.content) as Card;

export const cardTitle = (card: Card): string => ((card.header as { title?: { content?: string } } | undefined)?.title?.content ?? '') as string;

/** The cards a person (or chat) received, oldest first. */
export const cardsOf = (h: Harness, name: string): SandboxMessage[] => h.inbox(name).filter((m) => m.msg_type === 'interactive');

export const cardsTitled = (h: Harness, name: string, title: string): SandboxMessage[] => cardsOf(h, name).filter((m) => cardTitle(cardOf(m)).startsWith(title));

/**
 * The callback value of the first button (or form submit button) on `card` that belongs to `action`
 * (an action declaration) or carries the label `label`.
 */
export function buttonValue(card: Card, which: ActionSpec<never, never> | { id: string } | string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const matches = (o: Record<string, unknown>): boolean => {
    const value = (o.behaviors as Array<{ value?: Record<string, unknown> }> | undefined)?.[0]?.value;
    if (!value) return false;
    return typeof which === 'string' ? (o.text as { content?: string } | undefined)?.content === which : value.a === which.id;
  };
  const walk = (v: unknown): void => {
    if (found || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if (o.tag === 'button' && matches(o)) {
      found = (o.behaviors as Array<{ value: Record<string, unknown> }>)[0]!.value;
      return;
    }
    Object.values(o).forEach(walk);
  };
  walk(card);
  const name = typeof which === 'string' ? `“${which}”` : which.id;
  if (!found) throw new Error(`no button ${name} on card “${cardTitle(card)}”`);
  return found;
}

export function expectToast(res: { toast?: { type: string; content: string } }, type: string, content: string) {
  expect(res.toast?.type, JSON.stringify(res.toast)).toBe(type);
  expect(res.toast?.content).toContain(content);
}

/**
 * The card, after checking it as Feishu would (the sandbox's validator: schema 2.0, ≤ 200 elements,
 * ≤ 30 KB, no unknown attribute or enum, form and table rules); fails the test with Feishu's reasons.
 */
export function larkCard<T>(card: T): T {
  const issues = validateCard(card);
  expect(issues.map(issueText), `card “${cardTitle(card as Card)}” would be refused by Feishu`).toEqual([]);
  return card;
}
