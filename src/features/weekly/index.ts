import { defineFeature } from '../feature';
import log from './log.command';
import mylogs from './mylogs.command';
import team from './team.command';
import weeklyEdit from './weekly-edit.action';
import { weeklyFormCard } from './weekly-form.card';
import weeklyLogs from './weekly-logs.ledger';
import weeklyPrompt from './weekly-prompt.job';
import weeklyReminder from './weekly-reminder.job';
import weeklyRemind from './weekly-remind.action';
import { weeklyReturnedCard } from './weekly-returned.card';
import { confirmWeekly, returnWeekly } from './weekly-review.action';
import { weeklyReviewCard } from './weekly-review.card';
import weeklySubmit from './weekly-submit.action';

/** 周记实: weekly records by chat and card, supervisors' confirm/return, the Friday prompt and Monday reminder. */
export const weekly = defineFeature({
  name: 'weekly',
  commands: [log, mylogs, team],
  actions: [weeklySubmit, weeklyEdit, confirmWeekly, returnWeekly, weeklyRemind],
  jobs: [weeklyPrompt, weeklyReminder],
  ledgers: [weeklyLogs],
  cards: { weekly: { form: weeklyFormCard, review: weeklyReviewCard, returned: weeklyReturnedCard } },
});
