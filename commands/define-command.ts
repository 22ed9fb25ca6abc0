import type { Role } from '../src/core/org/person';
import type { Rules } from '../src/core/rules/rules';
import type { BotContext } from '../src/dispatch/context';

/**
 * A chat command, one file each (`<name>.command.ts` in its feature). The dispatcher matches the
 * name or an alias (the leading `/` optional), checks `roles`, and answers `private` commands asked
 * in a group in the caller's p2p chat.
 */
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
  /** Offered in help only where the rules turn its feature on (absent = always). */
  offered?: (rules: Rules) => boolean;
  run(ctx: BotContext, args: string): Promise<void>;
}

export const defineCommand = (def: CommandDef): CommandDef => def;

/** The commands help lists under these rules. */
export const offeredCommands = (commands: readonly CommandDef[], rules: Rules): CommandDef[] => commands.filter((c) => !c.offered || c.offered(rules));
