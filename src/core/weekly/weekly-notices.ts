import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { formatWeekLabel } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import type { Person } from '../org/person';
import type { WeeklyLog } from './weekly-log';
import { reviewView } from './weekly-views';

/**
 * Messages that follow a record's changes. Each is enqueued on the transaction's messenger, so it
 * exists exactly when the change does, and each key is deterministic, so a retry sends nothing twice.
 */

/** The supervisor's card for a record; keyed by supervisor too, so a new supervisor gets a card of their own. */
export const reviewCardKey = (logId: string, supervisorOpenId: string) => `weekly-review:${logId}:${supervisorOpenId}`;

/** Sends the record to its supervisor, or updates the card they already have in place. */
export async function showToSupervisor(deps: CoreDeps, trx: Kysely<Database>, log: WeeklyLog, author: Person): Promise<void> {
  if (!author.leaderOpenId) return;
  const messenger = deps.messengerFor(trx);
  const card = deps.cards.weekly.review(await reviewView(trx, log, author));
  const key = reviewCardKey(log.id, author.leaderOpenId);
  // The send is a no-op when this supervisor already has the card; the patch then brings it up to date.
  await messenger.send({ type: 'open_id', id: author.leaderOpenId }, { kind: 'card', card }, key);
  if (log.revision > 1 || log.state !== 'submitted') {
    await messenger.patchCard({ key }, card, `${key}:r${log.revision}:${log.state}`);
  }
}

export async function tellAuthorReturned(deps: CoreDeps, trx: Kysely<Database>, log: WeeklyLog, reviewer: Person): Promise<void> {
  const card = deps.cards.weekly.returned({ weekKey: log.weekKey, weekLabel: formatWeekLabel(log.weekKey), reviewerName: reviewer.name, comment: log.reviewComment ?? '' });
  await deps.messengerFor(trx).send({ type: 'open_id', id: log.openId }, { kind: 'card', card }, `weekly-returned:${log.id}:r${log.revision}`);
}

/** A confirmation is news only when it carries a comment; a bare one shows in /我的周记. */
export async function tellAuthorConfirmed(deps: CoreDeps, trx: Kysely<Database>, log: WeeklyLog, reviewer: Person): Promise<void> {
  if (!log.reviewComment) return;
  const text = `${reviewer.name}已确认您${formatWeekLabel(log.weekKey)}的周记，意见：${log.reviewComment}`;
  await deps.messengerFor(trx).send({ type: 'open_id', id: log.openId }, { kind: 'text', text }, `weekly-confirmed:${log.id}`);
}
