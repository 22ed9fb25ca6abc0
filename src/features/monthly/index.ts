import { defineFeature } from '../feature';
import monthlyRegrade from './monthly-regrade.action';
import monthlyReview from './monthly-review.job';
import monthlyReviews from './monthly-reviews.ledger';
import monthlySubmit from './monthly-submit.action';
import review from './review.command';

/** 月考核: one grading card per direct report on the month's first workday, 评鉴 and 重新评定. */
export const monthly = defineFeature({
  name: 'monthly',
  commands: [review],
  actions: [monthlySubmit, monthlyRegrade],
  jobs: [monthlyReview],
  ledgers: [monthlyReviews],
});
