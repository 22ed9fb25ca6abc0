import type { CoreDeps } from '../../core/deps';
import type { Person } from '../../core/org/person';
import { summaryForms } from '../../core/summary/self-summary.service';
import type { SummaryPurpose } from '../../core/summary/views';
import { summaryFormCard } from './summary-form.card';

/** People per batch: their summaries and weekly records read together and their cards queued in one statement. */
const BATCH = 100;

/**
 * Each person's own form card (a job's prompt or reminder), keyed so a re-run sends nothing twice.
 * A city's job took a minute on PostgreSQL when each card read and queued on its own.
 */
export async function sendSummaryForms(deps: CoreDeps, people: readonly Person[], periodKey: string, purpose: SummaryPurpose, keyOf: (openId: string) => string): Promise<void> {
  for (let i = 0; i < people.length; i += BATCH) {
    const batch = people.slice(i, i + BATCH);
    const forms = await summaryForms(deps, batch, periodKey, { purpose });
    await deps.messenger.sendAll(batch.map((p, k) => ({ to: { type: 'open_id', id: p.openId }, message: { kind: 'card', card: summaryFormCard(forms[k]!) }, key: keyOf(p.openId) })));
  }
}
