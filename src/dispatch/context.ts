import type { CoreDeps } from '../core/deps';
import type { Person } from '../core/org/person';
import type { OutMessage } from '../core/ports';
import type { Inbound } from './inbound';

/** What every command and card action gets: the injected deps, the caller and ways to answer. */
export interface BotContext {
  deps: CoreDeps;
  inbound: Inbound;
  openId: string;
  /** The caller as the organisation knows them; null when they are not in it. */
  actor: Person | null;
  /** Answers where the request came from (the p2p chat, or a reply in the group). */
  reply(message: OutMessage): Promise<void>;
  /** Always to the caller's own p2p chat: for anything private asked in a group. */
  replyPrivately(message: OutMessage): Promise<void>;
}
