import { randomHex } from './ids';

/** Builders for the v2 event envelopes Lark pushes (lark-platform.md §2). Pure; the driver sends them. */
export interface EnvelopeHeader {
  event_id: string;
  event_type: string;
  create_time: string; // ms epoch; microseconds for card.action.trigger
  token: string;
  app_id: string;
  tenant_key: string;
}
export interface Envelope<E = Record<string, unknown>> {
  schema: '2.0';
  header: EnvelopeHeader;
  event: E;
}
export interface EnvelopeBase {
  appId: string;
  tenantKey: string;
  token: string;
  at: Date;
  eventId?: string;
}
export interface UserIds {
  open_id: string;
  user_id: string;
  union_id: string;
}

export const newEventId = (): string => randomHex(16);

export function envelope<E extends Record<string, unknown>>(base: EnvelopeBase, eventType: string, event: E): Envelope<E> {
  return {
    schema: '2.0',
    header: {
      event_id: base.eventId ?? newEventId(),
      event_type: eventType,
      create_time: String(base.at.getTime()),
      token: base.token,
      app_id: base.appId,
      tenant_key: base.tenantKey,
    },
    event,
  };
}

export interface TextEventInput {
  sender: UserIds;
  text: string;
  messageId: string;
  chatId: string;
  chatType: 'p2p' | 'group';
  /** When set, the text is prefixed with `@_user_1 ` and `mentions` names the bot. */
  mentionBot?: { open_id: string; name: string };
}

export function textMessageEvent(base: EnvelopeBase, input: TextEventInput): Envelope {
  const text = input.mentionBot ? `@_user_1 ${input.text}` : input.text;
  const message: Record<string, unknown> = {
    message_id: input.messageId,
    root_id: '',
    parent_id: '',
    create_time: String(base.at.getTime()),
    update_time: String(base.at.getTime()),
    chat_id: input.chatId,
    chat_type: input.chatType,
    message_type: 'text',
    content: JSON.stringify({ text }),
  };
  if (input.mentionBot) {
    message.mentions = [
      { key: '@_user_1', id: { open_id: input.mentionBot.open_id, union_id: '', user_id: '' }, name: input.mentionBot.name, tenant_key: base.tenantKey },
    ];
  }
  return envelope(base, 'im.message.receive_v1', {
    sender: { sender_id: input.sender, sender_type: 'user', tenant_key: base.tenantKey },
    message,
  });
}

export function menuEvent(base: EnvelopeBase, operator: UserIds & { name?: string }, eventKey: string): Envelope {
  const { name, ...ids } = operator;
  return envelope(base, 'application.bot.menu_v6', {
    operator: { ...(name ? { operator_name: name } : {}), operator_id: ids },
    event_key: eventKey,
    timestamp: String(Math.floor(base.at.getTime() / 1000)),
  });
}

export interface CardActionInput {
  operator: UserIds;
  messageId: string;
  chatId: string;
  value?: unknown;
  formValue?: Record<string, unknown>;
  name?: string;
  tag?: string;
  token?: string;
}

/** `card.action.trigger`: header.create_time is in microseconds, and `event.token` allows a delayed update. */
export function cardActionEvent(base: EnvelopeBase, input: CardActionInput): Envelope {
  const action: Record<string, unknown> = { tag: input.tag ?? 'button' };
  if (input.value !== undefined) action.value = input.value;
  if (input.name) action.name = input.name;
  if (input.formValue) action.form_value = input.formValue;
  const env = envelope(base, 'card.action.trigger', {
    operator: { tenant_key: base.tenantKey, ...input.operator },
    token: input.token ?? `c-${randomHex(20)}`,
    action,
    host: 'im_message',
    context: { open_message_id: input.messageId, open_chat_id: input.chatId },
  });
  env.header.create_time = String(base.at.getTime() * 1000);
  return env;
}
