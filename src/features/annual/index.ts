import { defineFeature } from '../feature';
import annualEligibility from './annual-eligibility.ledger';
import annualReview from './annual-review.job';
import sanctions from './sanctions.importer';
import tier from './tier.command';

/** 年度衔接: each person's months and quarters, eligibility for the annual 优秀, 缓定, sanctions. */
export const annual = defineFeature({
  name: 'annual',
  commands: [tier],
  jobs: [annualReview],
  ledgers: [annualEligibility],
  importers: [sanctions],
});
