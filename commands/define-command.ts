import type { CoreDeps } from '../src/core/deps';
import type { Person, Role } from '../src/core/org/person';
import type { OutMessage } from '../src/core/ports';
import type { CardResponse, Inbound } from '../src/dispatch/inbound';

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

export interface CommandDef {
  name: string;
  aliases: string[];
  describe: string;
  usage?: string;
  /** Who may run it (and sees it in help); absent = everyone in the organisation. */
  roles?: Role[];
  /** Answers contain personal data: in a group they go to the caller's p2p chat. */
  private?: boolean;
  /** May run for someone not in the organisation (help). */
  public?: boolean;
  run(ctx: BotContext, args: string): Promise<void>;
}

export interface ActionInput {
  value: Record<string, unknown>;
  form: Record<string, unknown> | null;
}

export interface ActionDef {
  key: string;
  run(ctx: BotContext, input: ActionInput): Promise<CardResponse>;
}

export const defineCommand = (def: CommandDef): CommandDef => def;
export const defineAction = (def: ActionDef): ActionDef => def;
