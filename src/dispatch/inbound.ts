/** Transport-free shapes of what Lark sends us, produced by normalize(). */
export type Inbound =
  | {
      kind: 'message';
      eventId: string;
      createdAtMs: number | null;
      openId: string;
      chatId: string;
      chatType: 'p2p' | 'group';
      messageId: string;
      text: string;
      addressedToBot: boolean;
      supported: boolean;
    }
  | { kind: 'menu'; eventId: string; createdAtMs: number | null; openId: string; eventKey: string }
  | {
      kind: 'card';
      eventId: string;
      createdAtMs: number | null;
      openId: string;
      messageId: string | null;
      chatId: string | null;
      value: Record<string, unknown>;
      form: Record<string, unknown> | null;
    }
  | { kind: 'bot_added'; eventId: string; createdAtMs: number | null; chatId: string }
  | { kind: 'ignored'; eventId: string; createdAtMs: number | null; eventType: string };

export type CardResponse = {
  toast?: { type: 'success' | 'info' | 'warning' | 'error'; content: string };
  card?: { type: 'raw'; data: Record<string, unknown> };
};
