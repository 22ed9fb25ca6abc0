import type { Inbound } from './inbound';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function parseMaybeJson(v: unknown): Obj {
  if (typeof v === 'string') {
    try {
      return obj(JSON.parse(v));
    } catch {
      return {};
    }
  }
  return obj(v);
}

/**
 * `@_user_1 周记 …` → `周记 …`; placeholders for any mention are dropped. Line breaks and the
 * writer's spacing are kept: a multi-line weekly record must arrive as written.
 */
export function stripMentions(text: string): string {
  return text.replace(/@_(user|all)(_\d+)?[^\S\r\n]*/g, '').trim();
}

/**
 * Text of a `text` message, or of a rich-text `post` read as text: its title and paragraphs, one line
 * each, with text and link runs kept and mentions, images and emoji dropped. A post may arrive as
 * `{title, content}` or wrapped in a locale (`{zh_cn: {title, content}}`).
 */
export function messageText(content: string, type = 'text'): string {
  const parsed = parseMaybeJson(content);
  if (type !== 'post') return typeof parsed.text === 'string' ? parsed.text : '';
  const post = Array.isArray(parsed.content) ? parsed : obj(Object.values(parsed).find((v) => Array.isArray(obj(v).content)));
  const lines = (Array.isArray(post.content) ? post.content : []).map((para) =>
    (Array.isArray(para) ? para : [])
      .map(obj)
      .map((run) => (run.tag === 'text' || run.tag === 'a' || run.tag === 'md' ? str(run.text) : ''))
      .join(''),
  );
  const title = str(post.title);
  return [...(title ? [title] : []), ...lines].join('\n');
}

/** Lark's header.create_time is in milliseconds, except card callbacks' which is in microseconds. */
function createdMs(header: Obj, eventType: string): number | null {
  const raw = Number(header.create_time);
  if (!Number.isFinite(raw) || raw <= 0) return null;
  return eventType === 'card.action.trigger' || raw > 1e14 ? Math.floor(raw / 1000) : raw;
}

/** The event id that de-duplicates this delivery, or '' when the envelope has none. */
export function eventIdOf(envelope: Obj): string {
  return str(obj(envelope.header).event_id) || str(envelope.uuid);
}

export function normalize(envelope: Obj, botOpenId: string | null): Inbound {
  const header = obj(envelope.header);
  const event = obj(envelope.event);
  const eventId = eventIdOf(envelope);
  const eventType = str(header.event_type) || str(obj(envelope.event).type);
  const createdAtMs = createdMs(header, eventType);

  if (eventType === 'im.message.receive_v1') {
    const message = obj(event.message);
    const sender = obj(event.sender);
    const mentions = Array.isArray(message.mentions) ? message.mentions.map(obj) : [];
    const chatType = str(message.chat_type) === 'group' ? 'group' : 'p2p';
    const mentionsBot = mentions.some((m) => {
      const id = str(obj(m.id).open_id);
      return botOpenId ? id === botOpenId : true;
    });
    const type = str(message.message_type);
    const supported = type === 'text' || type === 'post';
    return {
      kind: 'message',
      eventId,
      createdAtMs,
      openId: str(obj(sender.sender_id).open_id),
      chatId: str(message.chat_id),
      chatType,
      messageId: str(message.message_id),
      text: supported ? stripMentions(messageText(str(message.content), type)) : '',
      addressedToBot: chatType === 'p2p' || mentionsBot,
      supported: supported && str(sender.sender_type || 'user') === 'user',
    };
  }
  if (eventType === 'application.bot.menu_v6') {
    return { kind: 'menu', eventId, createdAtMs, openId: str(obj(obj(event.operator).operator_id).open_id), eventKey: str(event.event_key) };
  }
  if (eventType === 'card.action.trigger') {
    const action = obj(event.action);
    const context = obj(event.context);
    const form = action.form_value === undefined ? null : parseMaybeJson(action.form_value);
    return {
      kind: 'card',
      eventId,
      createdAtMs,
      openId: str(obj(event.operator).open_id),
      messageId: str(context.open_message_id) || null,
      chatId: str(context.open_chat_id) || null,
      value: parseMaybeJson(action.value),
      form,
    };
  }
  if (eventType === 'im.chat.member.bot.added_v1') {
    return { kind: 'bot_added', eventId, createdAtMs, chatId: str(event.chat_id) };
  }
  return { kind: 'ignored', eventId, createdAtMs, eventType };
}
