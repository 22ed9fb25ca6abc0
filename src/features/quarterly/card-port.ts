import type { QuarterCards } from '../../core/quarterly/views';
import { objectionOutcomeCard } from './quarterly-objection-outcome.card';
import { objectionReviewCard } from './quarterly-objection-review.card';
import { quarterDeterminationCard } from './quarterly-determination.card';
import { quarterFeedbackCard } from './quarterly-feedback.card';
import { quarterTeamSummaryCard } from './quarterly-team-summary.card';

/** The card builders the 季审定 services render through (their QuarterCards port). */
export const quarterCards: QuarterCards = {
  determination: quarterDeterminationCard,
  feedback: quarterFeedbackCard,
  teamSummary: quarterTeamSummaryCard,
  objectionReview: objectionReviewCard,
  objectionOutcome: objectionOutcomeCard,
};
