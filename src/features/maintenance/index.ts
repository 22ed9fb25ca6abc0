import { defineFeature } from '../feature';
import backup from './backup.job';
import { calendarGapCard } from './calendar-gap.card';

/** Housekeeping that belongs to no assessment feature: the daily SQLite backup and calendar alerts. */
export const maintenance = defineFeature({ name: 'maintenance', jobs: [backup], cards: { maintenance: { calendarGap: calendarGapCard } } });
