import type { SandboxOrg, SandboxUser } from '../../org';
import { chatList, type ChatEntry } from '../render/people';

/** What the page knows: the organisation, which conversation is open, and as whom the user acts. */
export interface PageState {
  org: SandboxOrg;
  /** open_id of a person (p2p with the bot) or chat_id of a group chat. */
  open: string | null;
  /** The person acting in a group chat (in a p2p chat it is always that person). */
  speaker: string | null;
  counts: Record<string, number>;
  seen: Record<string, number>;
}

export const state: PageState = { org: { departments: [], users: [] }, open: null, speaker: null, counts: {}, seen: {} };

export const userById = (openId: string | null): SandboxUser | undefined => state.org.users.find((u) => u.open_id === openId);

export function chats(): ChatEntry[] {
  const people = new Set(state.org.users.map((u) => u.open_id));
  return chatList(state.org, Object.keys(state.counts).filter((id) => !people.has(id)));
}

export const openChat = (): ChatEntry | undefined => chats().find((c) => c.chatId === state.open);

/** Who clicks and types now: the open person, or the chosen speaker of the open group chat. */
export function actor(): SandboxUser | undefined {
  return userById(state.open) ?? userById(state.speaker);
}

export const unitName = (u: SandboxUser): string => state.org.departments.find((d) => d.department_id === u.department_ids[0])?.name ?? '';
