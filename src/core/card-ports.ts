import type { MaintenanceCards } from './calendar/calendar-gap-view';
import type { CreditsCards } from './credits/credits-views';
import type { QuarterCards } from './quarterly/views';
import type { RankingCards } from './ranking/views';
import type { WeeklyCards } from './weekly/weekly-view-models';

/**
 * The one way core sends a card: some messages must be queued in the same transaction as the
 * change they announce, so services render them through these ports. Each feature supplies its
 * own (src/features/<feature>/index.ts); core never imports a card builder.
 */
export interface CardPorts {
  weekly: WeeklyCards;
  quarterly: QuarterCards;
  credits: CreditsCards;
  maintenance: MaintenanceCards;
  ranking: RankingCards;
}
