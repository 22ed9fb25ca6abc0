import type { ActionDef } from '../../commands/define-command';
import { features } from '../../src/features';

/** Card-action handlers, one file each, keyed by the `a` field of the button value. */
export const actions: ActionDef[] = features.flatMap((f) => f.actions);
