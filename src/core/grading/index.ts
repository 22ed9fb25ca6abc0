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
export { proposeQuarter, type MonthResult, type QuarterProposal, type QuarterContext } from '../quarterly/proposal';
export { goodQuota, allocateSeats, type SeatAllocation, type PoolHeadcount } from '../quarterly/seats';
export { seatsOfScope, checkScopeQuota, fitScopeToQuota, type ScopeMember, type ScopeFit } from '../quarterly/scope-quota';
export {
  fitPoolToQuota,
  checkDetermination,
  quotaMessage,
  type QuotaCandidate,
  type QuotaFit,
  type PoolMember,
  type DeterminationCheck,
} from '../quarterly/quota';
export { poolOf, poolNames } from '../quarterly/pools';
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
