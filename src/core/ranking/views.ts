import type { CardJson } from '../ports';
import type { PulledDown } from './pulled-down';

/**
 * View-models of the 评优评差 cards, every figure already formatted, and the port through which the
 * services render them (implemented by src/features/ranking): announcements are queued in the same
 * transaction as the publication that makes them.
 */

export interface RowView {
  unitId: string;
  unitName: string;
  /** "3", "2（并列）", "—" (not ranked). */
  rank: string;
  /** "92.35", "—"; "75%" on the 学时 bulletin. */
  score: string;
  /** The 学时 bulletin's "45/60 人"; "" on a rating. */
  detail: string;
  /** "周记完成率 87.5%、月度考核平均分 缺数据…": every weighted indicator, missing ones said so; "" on the bulletin. */
  indicators: string;
  /** For the bar chart; null when not ranked. */
  scoreValue: number | null;
  /** "" on the 学时 bulletin, which has no classes. */
  className: string;
  reason: string;
  adjusted: boolean;
}

export interface ClassCount {
  name: string;
  count: number;
}

/** What the city admin reviews before publishing: counts, the units outside 一般 with reasons, every row. */
export interface ReviewView {
  rankingId: string;
  revision: number;
  title: string;
  subtitle: string;
  training: boolean;
  status: 'draft' | 'published';
  /** The latest published version, and whether the ranking changed since (then 发布 sends a correction). */
  version: number | null;
  changedSincePublished: boolean;
  /** "已于 12月1日 09:00 发送" or "将于 12月1日 09:00 发送（非工作时间不发送）". */
  announceNote: string | null;
  unitCount: number;
  rankedCount: number;
  meanText: string;
  seats: number;
  /** "周记完成率 20%、…"; how missing data is treated. */
  indicatorsText: string;
  /** "学时达标率：3 个单位缺数据" … */
  coverage: string[];
  classCounts: ClassCount[];
  /** Units outside 一般, and every adjusted one. */
  highlights: RowView[];
  rows: RowView[];
}

/** The announcement a ranked unit's chat gets (and what /排名 shows to its people). */
export interface UnitAnnouncementView {
  title: string;
  subtitle: string;
  training: boolean;
  /** Set on a correction (更正): what it replaces. */
  correction: string | null;
  /** The unit's own line; `change` ("名次 3 → 2；类别 一般 → 先进单位") on a correction. */
  own: (RowView & { change: string | null; pulledDown: PulledDown[] }) | null;
  /** The top rows, plus the unit's own row when it is below them. */
  rows: RowView[];
  /** How many of `rows` are the top of the table (the own row, when added, is one more). */
  topShown: number;
  rankedCount: number;
  unitCount: number;
  meanText: string;
  /** 通报表扬: names of people rated 好 in the unit, only where the rules enable it. */
  praise: string[] | null;
}

/** The whole table for the city chat (and an organ's chat when its 处室 are ranked). */
export interface CityAnnouncementView {
  title: string;
  subtitle: string;
  training: boolean;
  correction: string | null;
  classCounts: ClassCount[];
  highlights: RowView[];
  rows: RowView[];
  meanText: string;
  indicatorsText: string;
}

export interface RankingCards {
  /** The review card with 调整 and 发布; the clicked card is replaced by it. */
  reviewControl(v: ReviewView): CardJson;
  /** The full table (and chart) for the review, as many cards as the limits need. */
  reviewPages(v: ReviewView): CardJson[];
  unitAnnouncement(v: UnitAnnouncementView): CardJson;
  cityAnnouncement(v: CityAnnouncementView): CardJson[];
}
