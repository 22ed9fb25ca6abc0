import { defineFeature } from '../feature';
import appeal from './appeal.command';
import confirm from './confirm.command';
import quarterClose from './quarter-close.job';
import quarterTiers from './quarter-tiers.ledger';
import quarterlyConfirm from './quarterly-confirm.action';
import { quarterDeterminationCard } from './quarterly-determination.card';
import { quarterFeedbackCard } from './quarterly-feedback.card';
import { rejectObjection, upholdObjection } from './quarterly-objection.action';
import { objectionOutcomeCard } from './quarterly-objection-outcome.card';
import { objectionReviewCard } from './quarterly-objection-review.card';
import quarterlySave from './quarterly-save.action';
import { quarterTeamSummaryCard } from './quarterly-team-summary.card';
import { correctionNoticeCard } from './quarterly-correction-notice.card';

/** 季审定: proposals under the 好 quota, determination cards, private feedback and 异议. */
export const quarterly = defineFeature({
  name: 'quarterly',
  commands: [appeal, confirm],
  actions: [quarterlySave, quarterlyConfirm, rejectObjection, upholdObjection],
  jobs: [quarterClose],
  ledgers: [quarterTiers],
  cards: {
    quarterly: {
      determination: quarterDeterminationCard,
      feedback: quarterFeedbackCard,
      teamSummary: quarterTeamSummaryCard,
      objectionReview: objectionReviewCard,
      objectionOutcome: objectionOutcomeCard,
      correctionNotice: correctionNoticeCard,
    },
  },
});
