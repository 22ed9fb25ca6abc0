import type { Kysely } from 'kysely';
import type { Database, OutboxRow } from '../db/schema';

/**
 * What an outbox row calls and which rate window it counts against: a user (`user:`), a group chat
 * (`chat:`, shared by every bot in it), or a PATCHed message (`patch:`). A reply goes to the chat of
 * the message it answers, which the inbox recorded when that message arrived.
 */
export type Resolved =
  | { kind: 'call'; op: 'send' | 'reply' | 'patch' | 'update'; messageId: string; bucket: string }
  | { kind: 'wait'; ms: number }
  | { kind: 'never'; error: string };

const TARGET_PENDING_MS = 200;

export async function resolveCall(db: Kysely<Database>, row: OutboxRow): Promise<Resolved> {
  if (row.op === 'send') {
    const bucket = row.receive_id_type === 'chat_id' ? `chat:${row.receive_id}` : `user:${row.receive_id}`;
    return { kind: 'call', op: 'send', messageId: '', bucket };
  }
  if (row.op === 'update') {
    if (!row.callback_token) return toPatch(db, row);
    return { kind: 'call', op: 'update', messageId: row.target_message_id ?? '', bucket: `update:${row.callback_token}` };
  }
  if (row.op === 'reply') {
    const id = row.target_message_id ?? '';
    return { kind: 'call', op: 'reply', messageId: id, bucket: await chatOf(db, id) };
  }
  return toPatch(db, row);
}

async function toPatch(db: Kysely<Database>, row: OutboxRow): Promise<Resolved> {
  if (row.target_message_id) return { kind: 'call', op: 'patch', messageId: row.target_message_id, bucket: `patch:${row.target_message_id}` };
  const original = row.target_key ? await db.selectFrom('outbox').select(['status', 'message_id']).where('idem_key', '=', row.target_key).executeTakeFirst() : undefined;
  if (!original || original.status === 'failed' || original.status === 'given_up') return { kind: 'never', error: `target ${row.target_key ?? '(none)'} was not sent` };
  if (!original.message_id) return { kind: 'wait', ms: TARGET_PENDING_MS };
  return { kind: 'call', op: 'patch', messageId: original.message_id, bucket: `patch:${original.message_id}` };
}

async function chatOf(db: Kysely<Database>, messageId: string): Promise<string> {
  const inbound = await db.selectFrom('inbound_messages').select(['chat_id', 'chat_type', 'open_id']).where('message_id', '=', messageId).executeTakeFirst();
  if (inbound) return inbound.chat_type === 'p2p' ? `user:${inbound.open_id}` : `chat:${inbound.chat_id}`;
  const ours = await db.selectFrom('outbox').select(['receive_id_type', 'receive_id']).where('message_id', '=', messageId).executeTakeFirst();
  if (ours?.receive_id) return ours.receive_id_type === 'chat_id' ? `chat:${ours.receive_id}` : `user:${ours.receive_id}`;
  return `msg:${messageId}`;
}
