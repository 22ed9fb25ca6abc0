import { createHash } from 'node:crypto';
import type { QuarterResult } from './results.repository';

/**
 * A short fingerprint of a pool's stored state. The determination card carries the one it was built
 * from; another admin's save, a refreshed proposal or a confirmation changes it, and a click on the
 * older card is then refused as stale instead of overwriting what the admin never saw.
 */
export function poolRevision(results: readonly QuarterResult[]): string {
  const hash = createHash('sha256');
  for (const r of [...results].sort((a, b) => a.id.localeCompare(b.id))) {
    hash.update(`${r.id}|${r.proposedTier}|${r.tier}|${r.status}|${r.score ?? ''}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}
