import { defineFeature } from '../feature';
import { cityAnnouncementCards } from './ranking-city.card';
import rankingAdjust from './ranking-adjust.action';
import rankingPublish from './ranking-publish.action';
import rankingRecompute from './ranking-recompute.action';
import { rankingReviewCard } from './ranking-review.card';
import { rankingReviewPages } from './ranking-review-pages.card';
import { unitAnnouncementCard } from './ranking-unit.card';
import indicators from './indicators.importer';
import rank from './rank.command';
import unitRankingAnnounce from './unit-ranking-announce.job';
import unitRanking from './unit-ranking.job';
import unitRankingLedger from './unit-ranking.ledger';

/** 评优评差: unit indicators, drafted rankings reviewed and published by the city admin, /排名 and the ledger. */
export const ranking = defineFeature({
  name: 'ranking',
  commands: [rank],
  actions: [rankingAdjust, rankingRecompute, rankingPublish],
  jobs: [unitRanking, unitRankingAnnounce],
  ledgers: [unitRankingLedger],
  importers: [indicators],
  cards: {
    ranking: {
      reviewControl: rankingReviewCard,
      reviewPages: rankingReviewPages,
      unitAnnouncement: unitAnnouncementCard,
      cityAnnouncement: cityAnnouncementCards,
    },
  },
});
