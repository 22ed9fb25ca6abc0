import { defineFeature } from '../feature';
import leave from './leave.command';
import leaveImporter from './leave.importer';
import orgImporter from './org.importer';
import sync from './sync.command';

/** 组织: the organisation from the contact API or a file, and leave (nobody on leave is prompted or counted missing). */
export const org = defineFeature({
  name: 'org',
  commands: [leave, sync],
  importers: [orgImporter, leaveImporter],
});
