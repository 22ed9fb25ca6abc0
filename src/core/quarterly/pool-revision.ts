import { createHash } from 'node:crypto';
import type { QuarterResult } from './results.repository';

/**
 * A short fingerprint of stored results. A determination card carries the one of its page: another
 * admin's save on that page, a refreshed proposal or a confirmation changes it, and a click on the
 * older card is then refused as stale instead of overwriting what the admin never saw. A save on
 * another page of the same pool leaves it alone, so paging never loses a choice. The whole pool's
 * fingerprint is what a second determiner confirms (see signoffs).
 */
export function poolRevision(results: readonly QuarterResult[], salt = ''): string {
  const hash = createHash('sha256');
  hash.update(`${salt}\n`);
  for (const r of [...results].sort((a, b) => a.id.localeCompare(b.id))) {
    hash.update(`${r.id}|${r.proposedTier}|${r.tier}|${r.status}|${r.score ?? ''}|${r.basis ?? ''}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

export const pageRevision = (rows: readonly QuarterResult[], page: number, pages: number): string => poolRevision(rows, `page ${page}/${pages}`);
