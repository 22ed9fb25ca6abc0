import { defineFeature } from '../feature';
import backup from './backup.job';

/** Housekeeping that belongs to no assessment feature: the daily SQLite backup. */
export const maintenance = defineFeature({ name: 'maintenance', jobs: [backup] });
