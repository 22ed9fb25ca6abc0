import type { Generated } from 'kysely';

/** Tables of Lark delivery — events in, limits shared between instances — part of `Database` in schema.ts. */

export interface InboxTable {
  event_id: string;
  event_type: string;
  payload: string;
  status: string;
  attempts: number;
  received_at: string;
  lease_until: string | null;
  processed_at: string | null;
  error: string | null;
  response: string | null;
}

/** Acknowledged events not yet admitted into the inbox (see migration 0020). */
export interface InboxArrivalTable {
  seq: Generated<number>;
  event_id: string;
  event_type: string;
  payload: string;
  received_at: string;
  message_id: string | null;
  chat_id: string | null;
  chat_type: string | null;
  open_id: string | null;
}

export interface RateEventTable {
  id: string;
  bucket: string;
  at_ms: number;
}

export interface RatePauseTable {
  bucket: string;
  until_ms: number;
}

export interface RateLockTable {
  name: string;
  n: number;
}

export interface InboundMessageTable {
  message_id: string;
  event_id: string;
  chat_id: string;
  chat_type: string;
  open_id: string;
  received_at: string;
}
