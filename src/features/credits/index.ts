import { defineFeature } from '../feature';
import claim from './claim.command';
import { creditsCheckpointCard } from './credits-checkpoint.card';
import creditsCheckpoint from './credits-checkpoint.job';
import { claimApprovalCard } from './credits-claim-approval.card';
import { approveClaim, rejectClaim } from './credits-claim-decide.action';
import submitClaim from './credits-claim-submit.action';
import creditsCommand from './credits.command';
import creditsLedger from './credits.ledger';
import { creditsUnitCard } from './credits-unit.card';
import training from './training.importer';

/** 学分/学时: /学分 progress, /学时申报 claims approved by the 考核管理员, checkpoints, imports and the ledger. */
export const credits = defineFeature({
  name: 'credits',
  commands: [creditsCommand, claim],
  actions: [submitClaim, approveClaim, rejectClaim],
  jobs: [creditsCheckpoint],
  ledgers: [creditsLedger],
  importers: [training],
  cards: { credits: { claimApproval: claimApprovalCard, checkpoint: creditsCheckpointCard, unit: creditsUnitCard } },
});
