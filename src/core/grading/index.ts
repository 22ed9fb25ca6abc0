/** 月考核·季审定: pure scoring, quarterly proposal, 好 quota, locking and the annual link. */
export { round2 } from '../numbers';
export { isTier, isTierOrUndetermined, isLowTier } from '../tiers';
export { assertNoProblems } from '../problems';
export {
  monthlyScore,
  tierForScore,
  validateGradeInput,
  checkTierChoice,
  describeScore,
  type Scoring,
  type ScoreBands,
  type ScoreItem,
  type GradeInput,
  type MonthlyScore,
  type TierChoice,
} from '../monthly/score';
export { proposeQuarter, type MonthResult, type QuarterProposal } from '../quarterly/proposal';
export {
  goodQuota,
  fitPoolToQuota,
  checkDetermination,
  quotaMessage,
  type QuotaCandidate,
  type QuotaFit,
  type PoolMember,
  type DeterminationCheck,
} from '../quarterly/quota';
export { groupByPool } from '../quarterly/pools';
export {
  applyAdjustment,
  correctLocked,
  LOCKED_MESSAGE,
  type DeterminationState,
  type TierChange,
  type Correction,
} from '../quarterly/adjustment';
export {
  annualEligibility,
  lossOfHonourEligibility,
  type QuarterTier,
  type AnnualEligibilityInput,
  type AnnualEligibility,
  type HonourLoss,
} from '../annual/eligibility';
