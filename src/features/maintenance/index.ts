import { defineFeature } from '../feature';
import backup from './backup.job';
import outboxCompact from './outbox-compact.job';
import { calendarGapCard } from './calendar-gap.card';

/** Housekeeping that belongs to no assessment feature: the daily SQLite backup, the outbox's old content, calendar alerts. */
export const maintenance = defineFeature({ name: 'maintenance', jobs: [backup, outboxCompact], cards: { maintenance: { calendarGap: calendarGapCard } } });
