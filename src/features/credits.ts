import type { ActionDef, CommandDef } from '../dispatch/define';
import type { Ledger } from '../exports/ledger';
import type { JobDef } from '../jobs/define-job';
import type { Importer } from '../cli/importers';

/** What the credits feature plugs into the bot: its commands, card actions, jobs, ledgers and importers. */
export const commands: CommandDef[] = [];
export const actions: ActionDef[] = [];
export const jobs: JobDef[] = [];
export const ledgers: Ledger[] = [];
export const importers: Record<string, Importer> = {};
