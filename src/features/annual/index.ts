import { defineFeature } from '../feature';
import annualEligibility from './annual-eligibility.ledger';
import tier from './tier.command';

/** 年度衔接: each person's months and quarters, and their eligibility for the annual 优秀. */
export const annual = defineFeature({
  name: 'annual',
  commands: [tier],
  ledgers: [annualEligibility],
});
