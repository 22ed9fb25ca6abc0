import type { ConsoleSandbox } from './hooks';
import type { ChatItem, Summary } from './view-types';

/** A message a person typed in the console, kept so the conversation shows both sides. */
interface Said {
  id: string;
  openId: string;
  chatId: string;
  group: boolean;
  text: string;
  at: number;
}

interface ConsoleState {
  said: Said[];
  resets: number;
}

const states = new WeakMap<ConsoleSandbox, ConsoleState>();

function stateOf(sb: ConsoleSandbox): ConsoleState {
  let s = states.get(sb);
  if (!s) states.set(sb, (s = { said: [], resets: 0 }));
  return s;
}

export function recordSaid(sb: ConsoleSandbox, said: Omit<Said, 'id'>): void {
  const s = stateOf(sb);
  s.said.push({ ...said, id: `said_${s.said.length + 1}` });
}

export function forgetSaid(sb: ConsoleSandbox): void {
  const s = stateOf(sb);
  s.said = [];
  s.resets++;
}

/** A person's p2p chat with the bot (`withId` = open_id) or a group chat (`withId` = chat_id), oldest first. */
export function conversation(sb: ConsoleSandbox, withId: string): ChatItem[] {
  const bot: ChatItem[] = sb.messagesFor(withId).map((m) => ({
    id: m.message_id,
    from: 'bot',
    at: Number(m.create_time),
    msgType: m.msg_type,
    content: m.card ?? m.content,
    updates: m.patches.length,
  }));
  const typed: ChatItem[] = stateOf(sb)
    .said.filter((s) => (s.group ? s.chatId === withId : s.openId === withId))
    .map((s) => ({ id: s.id, from: 'user', senderOpenId: s.openId, at: s.at, msgType: 'text', content: { text: s.text }, updates: 0 }));
  // Stable: a reply stamped in the same millisecond as the message it answers stays after it.
  return [...typed, ...bot].sort((a, b) => a.at - b.at);
}

export function summary(sb: ConsoleSandbox): Summary {
  const messages = sb.messages();
  const counts: Record<string, number> = {};
  let patches = 0;
  for (const m of messages) {
    counts[m.to] = (counts[m.to] ?? 0) + 1;
    patches += m.patches.length;
  }
  const s = stateOf(sb);
  return { version: `${s.resets}.${messages[0]?.message_id ?? ''}.${messages.length}.${patches}.${s.said.length}`, counts };
}
