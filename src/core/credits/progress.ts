import { TRAINING_KINDS, type TrainingKind } from '../rules/terms';
import type { Rules } from '../rules/rules';
import { invalidInput } from '../errors';
import { formatHours, fromCenti, toCenti } from './hours';
import type { TrainingRecord } from './training-record';

type ProgressRecord = Pick<TrainingRecord, 'date' | 'kind' | 'hours' | 'required' | 'status' | 'examResult'>;

/** One of the year's requirements (`training.requirements`), e.g. 集中培训 ≥ 90 学时. */
export interface RequirementProgress {
  name: string;
  kinds: TrainingKind[];
  /** The hours required. */
  hours: number;
  /** Hours that count toward it (after caps). */
  counted: number;
  remaining: number;
  met: boolean;
}

/** One person's 学时 for one year. All hour figures are in 学时 with at most two decimals. */
export interface YearProgress {
  year: number;
  /** The requirements' hours added up. */
  target: number;
  /** Each requirement on its own: they are met separately. */
  requirements: RequirementProgress[];
  /** Approved hours of the year as recorded, before any cap (a failed 结业考试 excluded). */
  totalHours: number;
  onlineHours: number;
  /** Every kind except `online`. */
  offlineHours: number;
  requiredHours: number;
  electiveHours: number;
  byKind: Record<TrainingKind, number>;
  /** Cut off by `kind_caps`. */
  cappedHours: number;
  /** Hours carried in from last year; 0 unless `carry_over` is enabled. Counted toward the first requirement. */
  carryInHours: number;
  /** What counts: total − capped + carried in. */
  countedHours: number;
  /** The requirements' shortfalls added up (or the 必修/选修 total's, when larger). */
  remainingHours: number;
  /** null unless `required_vs_elective` is enabled. */
  requiredRemaining: number | null;
  /** True when online hours already fill the share of a mixed requirement they may count for. */
  onlineCapReached: boolean;
  met: boolean;
  unmetReasons: string[];
  /** Claims of the year still waiting for approval; not counted. */
  pendingHours: number;
  /** Records whose 结业考试 was failed: recorded, not counted. */
  failedExamHours: number;
}

export interface YearProgressOptions {
  year: number;
  /** Hours carried over from the previous year (see `carryOut`); ignored unless carry-over is enabled. */
  carryIn?: number;
  /** Also count approved records dated in the next year up to this date (YYYY-MM-DD): 补学 for a deferred year. */
  makeUpUntil?: string | null;
}

/** Hundredths of an hour, split by whether the hours are required. */
interface Split {
  required: number;
  elective: number;
}

/**
 * Progress against the year's requirements. Only approved records dated in `year` count (with
 * `makeUpUntil`, also those of the next year up to that date); pending ones are summed separately,
 * rejected ones and failed 结业考试 ignored.
 *
 * - Each requirement counts the hours of its kinds and is met on its own: by default 集中培训
 *   (offline, degree, exam, lecture) ≥ 90 and 网络学习 (online) ≥ 50, so 90 online and no
 *   concentrated training meets only the second.
 * - Kind caps cut elective hours before required ones, so a cap never makes the 必修 minimum harder
 *   than it must be. `online_cap_share_of_total` limits online hours within a requirement that
 *   mixes online with other kinds to that share of its hours.
 * - With `required_vs_elective` enabled, its minima are checked in addition.
 */
export function yearProgress(records: ReadonlyArray<ProgressRecord>, training: Rules['training'], options: YearProgressOptions): YearProgress {
  const { year } = options;
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw invalidInput(`年份无效：${year}`);
  const carryInRaw = options.carryIn ?? 0;
  if (!Number.isFinite(carryInRaw) || carryInRaw < 0) throw invalidInput(`结转学时无效：${carryInRaw}`);

  const yearPrefix = `${String(year).padStart(4, '0')}-`;
  const inWindow = (date: string) => date.startsWith(yearPrefix) || (!!options.makeUpUntil && date > `${yearPrefix}12-31` && date <= options.makeUpUntil);
  const byKind = emptyByKind<Split>(() => ({ required: 0, elective: 0 }));
  let pending = 0;
  let failed = 0;
  for (const record of records) {
    if (!inWindow(record.date) || record.status === 'rejected') continue;
    const centi = recordCenti(record);
    if (record.status === 'pending') pending += centi;
    else if (record.examResult === 'fail') failed += centi;
    else if (record.required) byKind[record.kind].required += centi;
    else byKind[record.kind].elective += centi;
  }

  const recorded = emptyByKind((kind) => total(byKind[kind]));
  const counted = emptyByKind<Split>((kind) => {
    const cap = training.kind_caps[kind];
    return cap === undefined ? { ...byKind[kind] } : cutTo(byKind[kind], toCenti(cap));
  });
  const carryIn = training.carry_over ? toCenti(carryInRaw) : 0;
  const reasons: string[] = [];
  let onlineCapReached = false;
  const requirements = training.requirements.map((req, index) => {
    const need = toCenti(req.hours);
    const mixed = req.kinds.includes('online') && req.kinds.length > 1;
    const onlineCap = mixed && training.online_cap_share_of_total !== null ? Math.round(training.online_cap_share_of_total * need) : null;
    let have = 0;
    for (const kind of req.kinds) {
      const hours = total(counted[kind]);
      have += kind === 'online' && onlineCap !== null ? Math.min(hours, onlineCap) : hours;
      if (kind === 'online' && onlineCap !== null && hours >= onlineCap) onlineCapReached = true;
    }
    if (index === 0) have += carryIn;
    const missing = Math.max(0, need - have);
    if (missing > 0) reasons.push(`${req.name}差 ${formatHours(fromCenti(missing))} 学时`);
    return { name: req.name, kinds: [...req.kinds], hours: fromCenti(need), counted: fromCenti(have), remaining: fromCenti(missing), met: missing === 0 };
  });

  const totalCenti = sumKinds((kind) => recorded[kind]);
  const countedFromRecords = sumKinds((kind) => total(counted[kind]));
  const countedCenti = countedFromRecords + carryIn;
  const requiredCenti = sumKinds((kind) => byKind[kind].required);
  let requiredMissing: number | null = null;
  let rveTotalMissing = 0;
  const rve = training.required_vs_elective;
  if (rve.enabled) {
    requiredMissing = Math.max(0, toCenti(rve.required) - sumKinds((kind) => counted[kind].required));
    if (requiredMissing > 0) reasons.push(`必修学时差 ${formatHours(fromCenti(requiredMissing))} 学时`);
    rveTotalMissing = Math.max(0, toCenti(rve.total) - countedCenti);
    if (rveTotalMissing > 0) reasons.push(`必修与选修合计差 ${formatHours(fromCenti(rveTotalMissing))} 学时`);
  }
  const requirementsMissing = requirements.reduce((sum, r) => sum + toCenti(r.remaining), 0);

  return {
    year,
    target: fromCenti(requirements.reduce((sum, r) => sum + toCenti(r.hours), 0)),
    requirements,
    totalHours: fromCenti(totalCenti),
    onlineHours: fromCenti(recorded.online),
    offlineHours: fromCenti(totalCenti - recorded.online),
    requiredHours: fromCenti(requiredCenti),
    electiveHours: fromCenti(totalCenti - requiredCenti),
    byKind: emptyByKind((kind) => fromCenti(recorded[kind])),
    cappedHours: fromCenti(totalCenti - countedFromRecords),
    carryInHours: fromCenti(carryIn),
    countedHours: fromCenti(countedCenti),
    remainingHours: fromCenti(Math.max(requirementsMissing, rveTotalMissing)),
    requiredRemaining: requiredMissing === null ? null : fromCenti(requiredMissing),
    onlineCapReached,
    met: reasons.length === 0,
    unmetReasons: reasons,
    pendingHours: fromCenti(pending),
    failedExamHours: fromCenti(failed),
  };
}

/**
 * Hours above the requirement that move to next year as elective, when `carry_over` is on.
 * Carried-in hours are used up first, so they never roll over a second time.
 */
export function carryOut(progress: YearProgress, training: Rules['training']): number {
  if (!training.carry_over) return 0;
  const rve = training.required_vs_elective;
  const requirement = Math.max(toCenti(progress.target), rve.enabled ? toCenti(rve.total) : 0);
  const counted = toCenti(progress.countedHours);
  const thisYear = counted - toCenti(progress.carryInHours);
  return fromCenti(Math.max(0, Math.min(counted - requirement, thisYear)));
}

function recordCenti(record: ProgressRecord): number {
  if (!Number.isFinite(record.hours) || record.hours <= 0) {
    throw invalidInput(`培训记录的学时无效（${record.date}，${record.hours}）`);
  }
  return toCenti(record.hours);
}

function total(split: Split): number {
  return split.required + split.elective;
}

/** Keeps at most `limit`, taking the cut from elective hours first. */
function cutTo(split: Split, limit: number): Split {
  const excess = Math.max(0, total(split) - limit);
  const fromElective = Math.min(excess, split.elective);
  return { elective: split.elective - fromElective, required: split.required - (excess - fromElective) };
}

function emptyByKind<T>(make: (kind: TrainingKind) => T): Record<TrainingKind, T> {
  return Object.fromEntries(TRAINING_KINDS.map((kind) => [kind, make(kind)])) as Record<TrainingKind, T>;
}

function sumKinds(pick: (kind: TrainingKind) => number): number {
  return TRAINING_KINDS.reduce((sum, kind) => sum + pick(kind), 0);
}
