/** What core needs from the outside world; implemented in src/db (outbox) and src/lark. */

export type CardJson = Record<string, unknown>;

export type Recipient = { type: 'open_id' | 'chat_id'; id: string };

/**
 * A card built by the sender when its turn comes, from the data as it stands then: for large
 * batches whose last message leaves long after the first (Lark's 1,000 a minute, calm hours).
 */
export type DeferredCard = { card: 'quarter.determination'; scopeId: string; quarterKey: string; pool: string; page: number };

export type OutMessage = { kind: 'text'; text: string } | { kind: 'card'; card: CardJson } | { kind: 'deferred'; deferred: DeferredCard };

/** Builds a deferred card; null when there is nothing to show any more (the pool emptied). */
export type DeferredCardRenderer = (deferred: DeferredCard) => Promise<CardJson | null>;

/** A message with its recipient and idempotency key, as `Messenger.send` takes them. */
export type Addressed = { to: Recipient; message: OutMessage; key: string };

/**
 * Every outbound message is keyed: the same key is sent at most once, which makes jobs and
 * retries idempotent. Messages are persisted before they are sent.
 */
export interface Messenger {
  send(to: Recipient, message: OutMessage, key: string): Promise<void>;
  /** `send` for many messages at once (a few statements instead of one per message); same keys, same effect. */
  sendAll(messages: readonly Addressed[]): Promise<void>;
  reply(messageId: string, message: OutMessage, key: string): Promise<void>;
  /** Replace a card we sent earlier, identified by the key it was sent with (or its Lark message id). */
  patchCard(target: { key?: string; messageId?: string }, card: CardJson, key: string): Promise<void>;
}

export interface OrgDepartment {
  id: string;
  name: string;
  parentId: string | null;
  leaderOpenId: string | null;
  chatId: string | null;
}

export interface OrgUser {
  openId: string;
  userId: string | null;
  name: string;
  departmentIds: string[];
  leaderOpenId: string | null;
}

/** The contact directory (Lark contact v3). */
export interface Directory {
  departments(): Promise<OrgDepartment[]>;
  usersIn(departmentId: string): Promise<OrgUser[]>;
}
