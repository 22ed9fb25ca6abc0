/** Tables of 民主测评 and 服务对象评价 (migration 0017), part of `Database` in schema.ts. */

/** 民主测评: per period, ratee and item, the count and sum of answers — never who gave them. */
export interface PeerTallyTable {
  period_key: string;
  ratee_open_id: string;
  item: string;
  answers: number;
  points: number;
}

/** Which card pages a rater has cast (to refuse a second vote); no colleague, no score, no time. */
export interface PeerAnsweredTable {
  period_key: string;
  rater_open_id: string;
  page: number;
}

/** 服务对象评价 / 好差评 as imported from the 政务服务 platform. */
export interface ServiceRatingTable {
  open_id: string;
  period_key: string;
  good: number;
  bad: number;
  score: number | null;
  import_id: string;
  created_at: string;
}
