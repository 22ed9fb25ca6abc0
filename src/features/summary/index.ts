import { defineFeature } from '../feature';
import selfSummaryReminder from './self-summary-reminder.job';
import selfSummary from './self-summary.job';
import selfSummaries from './self-summaries.ledger';
import summarySave from './summary-save.action';
import summarySubmit from './summary-submit.action';
import summaryCommand from './summary.command';

/** 个人小结: a card at the period's end, draft and submit, one reminder, and the ledger. */
export const summary = defineFeature({
  name: 'summary',
  commands: [summaryCommand],
  actions: [summarySave, summarySubmit],
  jobs: [selfSummary, selfSummaryReminder],
  ledgers: [selfSummaries],
});
