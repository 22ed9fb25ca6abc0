import type { CommandDef } from './define-command';
import { features } from '../src/features';
import help from './help.command';
import rank from '../src/features/ranking/rank.command';
import { registerCommands } from './registry';
import sync from '../src/features/org/sync.command';

/** One file per command; the order here is the order in the help card. */
export const commands: CommandDef[] = [help, ...features.flatMap((f) => f.commands), rank, sync];

registerCommands(commands);
