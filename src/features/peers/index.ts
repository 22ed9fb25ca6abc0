import { defineFeature } from '../feature';
import peerReview from './peer-review.job';
import peerSubmit from './peer-submit.action';
import peers from './peers.command';
import serviceRatings from './service-ratings.importer';

/** 民主测评 (anonymous peer rating, per organ) and 服务对象评价 / 好差评 (imported evidence). */
export const peersFeature = defineFeature({
  name: 'peers',
  commands: [peers],
  actions: [peerSubmit],
  jobs: [peerReview],
  importers: [serviceRatings],
});
