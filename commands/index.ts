import type { CommandDef } from '../src/dispatch/define';
import { features } from '../src/features';
import help from './help';
import rank from './rank';
import { registerCommands } from './registry';
import sync from './sync';

/** One file per command; the order here is the order in the help card. */
export const commands: CommandDef[] = [help, ...features.flatMap((f) => f.commands), rank, sync];

registerCommands(commands);
