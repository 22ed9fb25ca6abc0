import { features } from '../features';
import type { Ledger } from './ledger';

/** Each feature adds its ledgers in src/features/<feature>.ts. */
export const ledgers: Ledger[] = features.flatMap((f) => f.ledgers);

export function findLedger(name: string): Ledger | undefined {
  return ledgers.find((l) => l.name === name);
}
