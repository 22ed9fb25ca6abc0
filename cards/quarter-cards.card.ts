import type { QuarterCards } from '../src/core/grading/quarter-views';
import { objectionOutcomeCard } from './objection-outcome.card';
import { objectionReviewCard } from './objection-review.card';
import { quarterDeterminationCard } from './quarter-determination.card';
import { quarterFeedbackCard } from './quarter-feedback.card';
import { quarterTeamSummaryCard } from './quarter-team-summary.card';

/** The card builders the 季审定 services render through (their QuarterCards port). */
export const quarterCards: QuarterCards = {
  determination: quarterDeterminationCard,
  feedback: quarterFeedbackCard,
  teamSummary: quarterTeamSummaryCard,
  objectionReview: objectionReviewCard,
  objectionOutcome: objectionOutcomeCard,
};
