import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/dispatch/dispatcher';
import { normalize, stripMentions } from '../../src/dispatch/normalize';

describe('normalising Lark input', () => {
  it('strips @_user_N placeholders and keeps multi-line text as written', () => {
    expect(stripMentions('@_user_1 周记 完成了')).toBe('周记 完成了');
    expect(parseCommand('/周记\n1. 起草通知\n2. 参加会议')).toEqual({ name: '周记', args: '1. 起草通知\n2. 参加会议' });
    expect(parseCommand('／LOG done')).toEqual({ name: 'log', args: 'done' });
    expect(parseCommand('   ')).toBeNull();
  });

  it('reads a group message as addressed to the bot only when the bot is mentioned', () => {
    const env = (mentions: unknown[]) => ({
      schema: '2.0',
      header: { event_id: 'e1', event_type: 'im.message.receive_v1', create_time: '1' },
      event: {
        sender: { sender_id: { open_id: 'ou_a' }, sender_type: 'user' },
        message: { message_id: 'om_1', chat_id: 'oc_g', chat_type: 'group', message_type: 'text', content: JSON.stringify({ text: '@_user_1 帮助' }), mentions },
      },
    });
    const toBot = normalize(env([{ key: '@_user_1', id: { open_id: 'ou_bot' } }]), 'ou_bot');
    expect(toBot).toMatchObject({ kind: 'message', addressedToBot: true, text: '帮助', chatType: 'group' });
    const toSomeoneElse = normalize(env([{ key: '@_user_1', id: { open_id: 'ou_other' } }]), 'ou_bot');
    expect(toSomeoneElse).toMatchObject({ addressedToBot: false });
  });

  it('reads a card action with its value and form', () => {
    const inbound = normalize(
      {
        schema: '2.0',
        header: { event_id: 'e2', event_type: 'card.action.trigger' },
        event: { operator: { open_id: 'ou_a' }, action: { value: { a: 'x.y', id: '1' }, form_value: { done: '写材料' } }, context: { open_message_id: 'om_9', open_chat_id: 'oc_1' } },
      },
      null,
    );
    expect(inbound).toEqual({ kind: 'card', eventId: 'e2', createdAtMs: null, openId: 'ou_a', messageId: 'om_9', chatId: 'oc_1', value: { a: 'x.y', id: '1' }, form: { done: '写材料' } });
  });
});
