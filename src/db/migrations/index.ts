import type { Migration } from 'kysely';
import * as spine from './0001-spine';
import * as weeklyLogs from './0002-weekly-logs';
import * as grading from './0003-grading';
import * as training from './0004-training';
import * as quarterly from './0005-quarterly';
import * as joinedAndProbation from './0007-joined-and-probation';
import * as fidelity from './0008-fidelity';
import * as orgChangeHolds from './0010-org-change-holds';
import * as rulesRoundTwo from './0011-rules-round-two';
import * as outboxOrder from './0013-outbox-order';
import * as claimIndexes from './0019-claim-indexes';
import * as inboxArrivals from './0020-inbox-arrivals';
import * as dropUnusedIndexes from './0021-drop-unused-indexes';
import * as reviewsByUnit from './0022-reviews-by-unit';
import * as outboxSentWithContent from './0023-outbox-sent-with-content';
import * as outboxRender from './0024-outbox-render';
import * as calmHold from './0015-calm-hold';
import * as unitRanking from './0012-unit-ranking';
import * as peerRatings from './0017-peer-ratings';
import * as selfSummary from './0016-self-summary';
import * as jobLeases from './0018-job-leases';

/** Listed in code rather than read from disk so they run the same under tsx, vitest and a bundle. */
export const migrations: Record<string, Migration> = {
  '0001-spine': spine,
  '0002-weekly-logs': weeklyLogs,
  '0003-grading': grading,
  '0004-training': training,
  '0005-quarterly': quarterly,
  '0007-joined-and-probation': joinedAndProbation,
  '0008-fidelity': fidelity,
  '0010-org-change-holds': orgChangeHolds,
  '0011-rules-round-two': rulesRoundTwo,
  '0013-outbox-order': outboxOrder,
  '0015-calm-hold': calmHold,
  '0012-unit-ranking': unitRanking,
  '0017-peer-ratings': peerRatings,
  '0016-self-summary': selfSummary,
  '0018-job-leases': jobLeases,
  '0019-claim-indexes': claimIndexes,
  '0020-inbox-arrivals': inboxArrivals,
  '0021-drop-unused-indexes': dropUnusedIndexes,
  '0022-reviews-by-unit': reviewsByUnit,
  '0023-outbox-sent-with-content': outboxSentWithContent,
  '0024-outbox-render': outboxRender,
};
