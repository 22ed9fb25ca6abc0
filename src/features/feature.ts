import type { ActionDef } from '../../cards/define-action';
import type { CommandDef } from '../../commands/define-command';
import type { ImporterDef } from '../cli/define-importer';
import type { CardPorts } from '../core/card-ports';
import type { Ledger } from '../exports/ledger';
import type { JobDef } from '../jobs/define-job';

export type FeatureName = 'weekly' | 'monthly' | 'quarterly' | 'annual' | 'credits' | 'org' | 'ranking' | 'maintenance' | 'peers' | 'summary';

/**
 * Everything one feature plugs into the bot. `App.create({features})` builds the dispatcher, the
 * scheduler, the ledgers and the importers from a list of these; nothing else registers anything.
 */
export interface Feature {
  name: FeatureName;
  commands: CommandDef[];
  actions: ActionDef[];
  jobs: JobDef[];
  ledgers: Ledger[];
  importers: ImporterDef[];
  /** The card builders core renders through when it sends a message itself (see core/card-ports.ts). */
  cards: Partial<CardPorts>;
}

export function defineFeature(f: Partial<Feature> & { name: FeatureName }): Feature {
  return { commands: [], actions: [], jobs: [], ledgers: [], importers: [], cards: {}, ...f };
}
