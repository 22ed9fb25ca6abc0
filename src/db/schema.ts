import type { Insertable, Selectable, Updateable } from 'kysely';
import type { InboundMessageTable, InboxArrivalTable, InboxTable, RateEventTable, RateLockTable, RatePauseTable } from './delivery-tables';
import type { PeerAnsweredTable, PeerTallyTable, ServiceRatingTable } from './peer-tables';

/**
 * Column conventions, so the same queries run on SQLite and PostgreSQL:
 * instants are ISO-8601 UTC text, dates are 'YYYY-MM-DD' text, booleans are 0/1 integers,
 * structured values are JSON text, ids are text.
 */

export interface UnitTable {
  id: string;
  name: string;
  parent_id: string | null;
  chat_id: string | null;
  source: string;
  active: number;
  updated_at: string;
}

export interface PersonTable {
  open_id: string;
  user_id: string | null;
  name: string;
  unit_id: string;
  leader_open_id: string | null;
  /** Same-level pool 同级同台: 正职 / 副职 / 一般干部. */
  level: string;
  /** ';'-separated: staff, supervisor, unit_admin, admin. */
  roles: string;
  active: number;
  prompt_opt_out: number;
  source: string;
  created_at: string;
  updated_at: string;
  /** YYYY-MM-DD; null: the day of created_at. */
  joined_on: string | null;
  /** YYYY-MM-DD, the last day of 试用期; null: not on probation. */
  probation_until: string | null;
}

export interface LeavePeriodTable {
  id: string;
  open_id: string;
  start_date: string;
  end_date: string;
  kind: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  idem_key: string;
  op: string;
  receive_id_type: string | null;
  receive_id: string | null;
  msg_type: string;
  content: string;
  /** For replies and patches: the Lark message id, or the idem_key of a message we sent earlier. */
  target_message_id: string | null;
  target_key: string | null;
  status: string;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  message_id: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** Start of the current run of failed attempts (an outage); null while sending works. */
  failing_since: string | null;
  /** op 'update': the card callback's delayed-update token. */
  callback_token: string | null;
  /** A domain instant before which a calm message is not sent (held outside working hours); null: no hold. */
  not_before: string | null;
  /** A card built when it is sent (see DeferredCard); content is empty until then. */
  render: string | null;
}

export interface JobRunTable {
  job: string;
  period_key: string;
  status: string;
  instance: string;
  started_at: string;
  finished_at: string | null;
  detail: string | null;
  /** Until when the instance running it owns the run (renewed while it works); null once finished. */
  lease_until: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

export interface WeeklyLogTable {
  id: string;
  open_id: string;
  week_key: string;
  done: string;
  plan: string;
  bonus_claim: string | null;
  status: string;
  late: number;
  revision: number;
  submitted_at: string;
  updated_at: string;
  reviewer_open_id: string | null;
  review_comment: string | null;
  reviewed_at: string | null;
}

export interface MonthlyReviewTable {
  id: string;
  open_id: string;
  month_key: string;
  unit_id: string;
  level: string;
  reviewer_open_id: string | null;
  work_score: number | null;
  conduct_score: number | null;
  /** JSON: [{points, reason}] */
  bonuses: string;
  deductions: string;
  bonus: number | null;
  deduction: number | null;
  total: number | null;
  suggested_tier: string | null;
  tier: string | null;
  override_reason: string | null;
  comment: string | null;
  status: string;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface QuarterResultTable {
  id: string;
  open_id: string;
  quarter_key: string;
  /** The person's own unit (处室) in the quarter. */
  unit_id: string;
  level: string;
  /** What the 好 quota is counted over: the organ, or the 处室 when quota_scope is division. */
  scope_id: string | null;
  /** The 同级同台 pool (a name from quarterly.pools). */
  pool: string | null;
  /** How the proposal was reached, in words. */
  basis: string | null;
  score: number | null;
  work: number | null;
  conduct: number | null;
  good_months: number;
  proposed_tier: string;
  tier: string;
  status: string;
  comment: string | null;
  confirmed_by: string | null;
  confirmed_at: string | null;
  feedback_at: string | null;
  updated_at: string;
  /** Parts of a composed score (0017); null: the months' mean alone. */
  leader_score: number | null;
  peer_score: number | null;
  peer_answers: number | null;
  service_adjustment: number | null;
}

/** One per determined pool: unit_id holds the scope id and level the pool name (see migration 0008). */
export interface QuarterLockTable {
  unit_id: string;
  quarter_key: string;
  level: string;
  locked_by: string;
  locked_at: string;
}

/** A determiner's confirmation of a pool that contains their own result, waiting for a second one. */
export interface QuarterSignoffTable {
  scope_id: string;
  quarter_key: string;
  pool: string;
  signed_by: string;
  revision: string;
  signed_at: string;
}

/** 诫勉 / 处分 / 组织处理 and its 影响期 (both ends inclusive). */
export interface SanctionTable {
  id: string;
  open_id: string;
  kind: string;
  start_date: string;
  end_date: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export interface ObjectionTable {
  id: string;
  open_id: string;
  quarter_key: string;
  reason: string;
  status: string;
  answer: string | null;
  old_tier: string | null;
  new_tier: string | null;
  decided_by: string | null;
  created_at: string;
  decided_at: string | null;
}

export interface TrainingRecordTable {
  id: string;
  open_id: string;
  year: number;
  date: string;
  title: string;
  kind: string;
  hours: number;
  required: number;
  source: string;
  status: string;
  /** Set for imported rows so a re-import adds nothing twice; null for claims. */
  fingerprint: string | null;
  note: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  created_at: string;
  /** 结业考试 'pass' / 'fail' where the import gives it; null otherwise. */
  exam_result: string | null;
}

/** An org change waiting for its caller's confirmation (migration 0010). */
export interface OrgChangeHoldTable {
  id: string;
  /** open_id of the caller; only they may confirm. */
  actor: string;
  source: string;
  /** JSON OrgSnapshot: the source data the change set was computed from. */
  snapshot: string;
  fingerprint: string;
  /** pending | applied */
  status: string;
  created_at: string;
  applied_at: string | null;
}

export interface UnitIndicatorValueTable {
  id: string;
  unit_id: string;
  /** month `2026-11`, quarter `2026-Q4` or half `2026-H2`. */
  period_key: string;
  indicator: string;
  value: number;
  import_id: string;
  created_at: string;
}

export interface UnitRankingTable {
  id: string;
  period_key: string;
  /** `all` when organs are ranked city-wide; the organ's unit id when its 处室 are ranked. */
  scope: string;
  /** month / quarter / half, or training (the 学时 bulletin of a checkpoint). */
  kind: string;
  /** draft until first published, then published. */
  status: string;
  revision: number;
  /** JSON: the computed ranking with the admin's adjustments (core/ranking/ranking-doc.ts). */
  doc: string;
  created_at: string;
  updated_at: string;
}

export interface UnitRankingPublicationTable {
  id: string;
  ranking_id: string;
  period_key: string;
  scope: string;
  kind: string;
  /** 1 for the first publication; each later one is a correction (更正). */
  version: number;
  /** JSON: the ranking as published. */
  doc: string;
  published_by: string;
  published_at: string;
  /** Announcements wait for the next workday morning when published outside the announce window. */
  announce_after: string;
  announced_at: string | null;
}

export interface SelfSummaryTable {
  id: string;
  open_id: string;
  period_key: string;
  unit_id: string;
  draft: string | null;
  draft_saved_at: string | null;
  content: string | null;
  submitted_at: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface Database {
  units: UnitTable;
  people: PersonTable;
  leave_periods: LeavePeriodTable;
  inbox: InboxTable;
  inbox_arrivals: InboxArrivalTable;
  outbox: OutboxTable;
  job_runs: JobRunTable;
  audit_log: AuditLogTable;
  weekly_logs: WeeklyLogTable;
  monthly_reviews: MonthlyReviewTable;
  quarter_results: QuarterResultTable;
  quarter_locks: QuarterLockTable;
  quarter_signoffs: QuarterSignoffTable;
  sanctions: SanctionTable;
  objections: ObjectionTable;
  training_records: TrainingRecordTable;
  org_change_holds: OrgChangeHoldTable;
  rate_events: RateEventTable;
  rate_pauses: RatePauseTable;
  rate_lock: RateLockTable;
  inbound_messages: InboundMessageTable;
  unit_indicator_values: UnitIndicatorValueTable;
  unit_rankings: UnitRankingTable;
  unit_ranking_publications: UnitRankingPublicationTable;
  peer_tallies: PeerTallyTable;
  peer_answered: PeerAnsweredTable;
  service_ratings: ServiceRatingTable;
  self_summaries: SelfSummaryTable;
}

export type UnitRow = Selectable<UnitTable>;
export type SelfSummaryRow = Selectable<SelfSummaryTable>;
export type PersonRow = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type InboxRow = Selectable<InboxTable>;
export type WeeklyLogRow = Selectable<WeeklyLogTable>;
export type MonthlyReviewRow = Selectable<MonthlyReviewTable>;
export type QuarterResultRow = Selectable<QuarterResultTable>;
export type ObjectionRow = Selectable<ObjectionTable>;
export type TrainingRecordRow = Selectable<TrainingRecordTable>;
export type LeavePeriodRow = Selectable<LeavePeriodTable>;
export type SanctionRow = Selectable<SanctionTable>;
