import { CARD_MAX_BYTES, issueText, validateCard } from './card-rules';
import { apiError, LarkCodes } from './errors';
import { p2pChatIdFor, randomHex } from './ids';
import { findUserBy, type SandboxOrg } from './org';
import type { MessageStore, SandboxMessage } from './store';

/** Validation and recording for im/v1 message create, reply and PATCH. */
export interface MessageContext {
  appId: string;
  tenantKey: string;
  org: SandboxOrg;
  store: MessageStore;
  chats: Set<string>;
  now(): number;
}

export { CARD_MAX_BYTES };
/** "仅支持更新 14 天内发送的消息" (im-v1 message PATCH). */
export const PATCH_WINDOW_MS = 14 * 24 * 3600 * 1000;
const MSG_TYPES = new Set(['text', 'post', 'interactive', 'image', 'file', 'audio', 'media', 'sticker', 'share_chat', 'share_user']);

/** A validated request: `key` is what rate limits count, `commit` records it (uuid-idempotent). */
export interface Draft {
  key: string;
  commit(): { message: SandboxMessage; duplicate: boolean };
}

interface Target {
  to: string;
  chat_id: string;
  chat_type: 'p2p' | 'group';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function resolveTarget(ctx: MessageContext, type: string, id: string): Target {
  if (!id) throw apiError(400, LarkCodes.fieldValidation, 'receive_id is required');
  if (type === 'chat_id') {
    if (!ctx.chats.has(id)) throw apiError(400, LarkCodes.botNotInChat, 'Bot/User can NOT be out of the chat.');
    return { to: id, chat_id: id, chat_type: 'group' };
  }
  const field = ({ open_id: 'open_id', user_id: 'user_id', union_id: 'union_id' } as const)[type as 'open_id'];
  if (!field) throw apiError(400, LarkCodes.fieldValidation, `receive_id_type is invalid: ${type}`);
  const user = findUserBy(ctx.org, field, id);
  if (!user) throw apiError(400, LarkCodes.userNotInRange, 'Bot has NO availability to this user.');
  return { to: user.open_id, chat_id: p2pChatIdFor(ctx.appId, user.open_id), chat_type: 'p2p' };
}

/** Parses and checks `content` per msg_type; returns the parsed value. */
export function parseContent(msgType: unknown, content: unknown): unknown {
  if (typeof msgType !== 'string' || !MSG_TYPES.has(msgType)) throw apiError(400, LarkCodes.invalidParam, `invalid msg_type: ${String(msgType)}`);
  if (typeof content !== 'string') throw apiError(400, LarkCodes.invalidParam, 'content must be a JSON string');
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw apiError(400, LarkCodes.invalidParam, 'content is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null) throw apiError(400, LarkCodes.invalidParam, 'content must encode an object');
  if (msgType === 'text' && typeof (parsed as { text?: unknown }).text !== 'string') {
    throw apiError(400, LarkCodes.invalidParam, 'text content needs a "text" string');
  }
  if (msgType === 'post' && Buffer.byteLength(content, 'utf8') > CARD_MAX_BYTES) {
    throw apiError(400, LarkCodes.contentTooLong, 'message content exceeds 30 KB');
  }
  if (msgType === 'interactive') assertValidCard(parsed, Buffer.byteLength(content, 'utf8'));
  return parsed;
}

/** Refuses a card the way Lark does: 230099 with the first problem in Lark's "ErrCode: 11310; ErrMsg" form. */
export function assertValidCard(card: unknown, bytes?: number): void {
  const [first] = validateCard(card, bytes === undefined ? {} : { bytes });
  if (first) throw apiError(400, first.code, issueText(first));
}

function draftFor(ctx: MessageContext, body: Record<string, unknown>, target: Target, receive: { type: string; id: string }, replyTo?: string): Draft {
  const content = parseContent(body.msg_type, body.content);
  const msgType = body.msg_type as string;
  const uuid = str(body.uuid) || undefined;
  return {
    key: target.to,
    commit() {
      const now = ctx.now();
      const earlier = uuid ? ctx.store.byUuid(uuid, now) : undefined;
      if (earlier) return { message: earlier, duplicate: true };
      const message: SandboxMessage = {
        message_id: `om_${randomHex(16)}`,
        receive_id_type: receive.type,
        receive_id: receive.id,
        ...target,
        msg_type: msgType,
        content,
        raw_content: body.content as string,
        ...(uuid ? { uuid } : {}),
        create_time: String(now),
        update_time: String(now),
        ...(replyTo ? { reply_to: replyTo } : {}),
        patches: [],
        ...(msgType === 'interactive' ? { card: content } : {}),
      };
      ctx.store.add(message, now);
      return { message, duplicate: false };
    },
  };
}

export function prepareCreate(ctx: MessageContext, receiveIdType: string | null, body: Record<string, unknown>): Draft {
  if (!receiveIdType) throw apiError(400, LarkCodes.fieldValidation, 'receive_id_type is required');
  const id = str(body.receive_id) ?? '';
  const target = resolveTarget(ctx, receiveIdType, id);
  return draftFor(ctx, body, target, { type: receiveIdType, id });
}

export function prepareReply(ctx: MessageContext, parentId: string, body: Record<string, unknown>): Draft {
  const sent = ctx.store.get(parentId);
  const inbound = ctx.store.getInbound(parentId);
  let target: Target;
  if (sent) target = { to: sent.to, chat_id: sent.chat_id, chat_type: sent.chat_type };
  else if (inbound) target = { to: inbound.chat_type === 'p2p' ? inbound.open_id : inbound.chat_id, chat_id: inbound.chat_id, chat_type: inbound.chat_type };
  else throw apiError(400, LarkCodes.messageNotFound, `message not found or recalled: ${parentId}`);
  return draftFor(ctx, body, target, { type: 'chat_id', id: target.chat_id }, parentId);
}

const updateMulti = (card: unknown): boolean =>
  (card as { config?: { update_multi?: unknown } } | undefined)?.config?.update_multi === true;

export function preparePatch(ctx: MessageContext, messageId: string, body: Record<string, unknown>): Draft {
  const m = ctx.store.get(messageId);
  if (!m) throw apiError(400, LarkCodes.messageNotFound, `message not found or not sent by this app: ${messageId}`);
  if (m.msg_type !== 'interactive') throw apiError(400, LarkCodes.invalidParam, 'only interactive messages can be updated');
  if (ctx.now() - Number(m.create_time) > PATCH_WINDOW_MS) {
    throw apiError(400, LarkCodes.messageTooOld, 'the message was sent more than 14 days ago and can no longer be updated');
  }
  const card = parseContent('interactive', body.content);
  if (!updateMulti(m.card) || !updateMulti(card)) {
    throw apiError(400, LarkCodes.cardInvalid, 'card update requires config.update_multi=true on both the old and the new card');
  }
  return {
    key: messageId,
    commit() {
      const at = String(ctx.now());
      m.patches.push({ content: card, at });
      m.card = card;
      m.update_time = at;
      return { message: m, duplicate: false };
    },
  };
}

/** The message object Lark returns in `data` for create/reply. */
export function larkMessageData(ctx: MessageContext, m: SandboxMessage): Record<string, unknown> {
  return {
    message_id: m.message_id,
    ...(m.reply_to ? { root_id: m.reply_to, parent_id: m.reply_to } : {}),
    msg_type: m.msg_type,
    create_time: m.create_time,
    update_time: m.update_time,
    deleted: false,
    updated: m.patches.length > 0,
    chat_id: m.chat_id,
    sender: { id: ctx.appId, id_type: 'app_id', sender_type: 'app', tenant_key: ctx.tenantKey },
    body: { content: m.raw_content },
  };
}
