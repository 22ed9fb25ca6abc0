/** What the sandbox remembers about messages: the bot's sends (inspectable) and users' inbound messages. */
export interface SandboxPatch {
  content: unknown;
  at: string; // ms epoch as string, like Lark's times
}

export interface SandboxMessage {
  message_id: string;
  receive_id_type: string;
  receive_id: string;
  chat_id: string;
  chat_type: 'p2p' | 'group';
  /** open_id for p2p chats, chat_id for groups: what `messagesFor` matches besides receive_id/chat_id. */
  to: string;
  msg_type: string;
  content: unknown; // parsed content (the card object for interactive)
  raw_content: string;
  uuid?: string;
  create_time: string;
  update_time: string;
  reply_to?: string;
  patches: SandboxPatch[];
  card?: unknown; // current card after patches (interactive only)
}

/** A user's message delivered by the driver; the bot may reply to it by message_id. */
export interface InboundMessage {
  message_id: string;
  chat_id: string;
  chat_type: 'p2p' | 'group';
  open_id: string;
}

export const UUID_WINDOW_MS = 60 * 60 * 1000;

export class MessageStore {
  private list: SandboxMessage[] = [];
  private readonly byId = new Map<string, SandboxMessage>();
  private readonly uuids = new Map<string, { messageId: string; at: number }>();
  private readonly inbound = new Map<string, InboundMessage>();

  add(m: SandboxMessage, now: number): void {
    this.list.push(m);
    this.byId.set(m.message_id, m);
    if (m.uuid) this.uuids.set(m.uuid, { messageId: m.message_id, at: now });
  }

  get(id: string): SandboxMessage | undefined {
    return this.byId.get(id);
  }

  /** The message an earlier request with this uuid created, if within Lark's 1-hour window. */
  byUuid(uuid: string, now: number): SandboxMessage | undefined {
    const hit = this.uuids.get(uuid);
    if (!hit) return undefined;
    if (now - hit.at >= UUID_WINDOW_MS) {
      this.uuids.delete(uuid);
      return undefined;
    }
    return this.byId.get(hit.messageId);
  }

  recordInbound(m: InboundMessage): void {
    this.inbound.set(m.message_id, m);
  }

  getInbound(id: string): InboundMessage | undefined {
    return this.inbound.get(id);
  }

  all(): SandboxMessage[] {
    return [...this.list];
  }

  for(id: string): SandboxMessage[] {
    return this.list.filter((m) => m.to === id || m.receive_id === id || m.chat_id === id);
  }

  clear(): void {
    this.list = [];
    this.byId.clear();
    this.uuids.clear();
    this.inbound.clear();
  }
}
