import type { CommandDef } from './define-command';

/** Filled by commands/index.ts; lets `help` list every command without an import cycle. */
const registered: CommandDef[] = [];

export function registerCommands(list: CommandDef[]): void {
  registered.splice(0, registered.length, ...list);
}

export const allCommands = (): CommandDef[] => registered;
