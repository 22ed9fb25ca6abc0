import { TRAINING_KINDS, type TrainingKind } from '../rules/terms';
import type { Rules } from '../rules/rules';
import { invalidInput } from '../errors';
import { formatHours, fromCenti, toCenti } from './hours';
import type { TrainingRecord } from './training-record';

type ProgressRecord = Pick<TrainingRecord, 'date' | 'kind' | 'hours' | 'required' | 'status'>;

/** One person's 学时 for one year. All hour figures are in 学时 with at most two decimals. */
export interface YearProgress {
  year: number;
  /** `training.annual_required_hours`. */
  target: number;
  /** Approved hours of the year as recorded, before any cap. */
  totalHours: number;
  onlineHours: number;
  /** Every kind except `online`. */
  offlineHours: number;
  requiredHours: number;
  electiveHours: number;
  byKind: Record<TrainingKind, number>;
  /** Cut off by `kind_caps` and by `online_cap_share_of_total`. */
  cappedHours: number;
  /** Hours carried in from last year; 0 unless `carry_over` is enabled. Counted as elective. */
  carryInHours: number;
  /** What counts toward the target: total − capped + carried in. */
  countedHours: number;
  remainingHours: number;
  onlineRemaining: number;
  /** null unless `required_vs_elective` is enabled. */
  requiredRemaining: number | null;
  /** True when online hours already fill the share of the target they may count for. */
  onlineCapReached: boolean;
  met: boolean;
  unmetReasons: string[];
  /** Claims of the year still waiting for approval; not counted. */
  pendingHours: number;
}

export interface YearProgressOptions {
  year: number;
  /** Hours carried over from the previous year (see `carryOut`); ignored unless carry-over is enabled. */
  carryIn?: number;
}

/** Hundredths of an hour, split by whether the hours are required. */
interface Split {
  required: number;
  elective: number;
}

/**
 * Progress against the year's requirement. Only approved records dated in `year` count;
 * pending ones are summed separately, rejected ones ignored.
 *
 * Choices the rules leave open:
 * - Caps cut elective hours before required ones, so a cap never makes the 必修 minimum harder
 *   than it must be.
 * - The online minimum is measured after the online kind cap (if any) but before
 *   `online_cap_share_of_total`, which only limits how much online study fills the total.
 * - With `required_vs_elective` enabled, its `total` is checked in addition to
 *   `annual_required_hours`; `remainingHours` is the larger shortfall.
 */
export function yearProgress(
  records: ReadonlyArray<ProgressRecord>,
  training: Rules['training'],
  options: YearProgressOptions,
): YearProgress {
  const { year } = options;
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw invalidInput(`年份无效：${year}`);
  const carryInRaw = options.carryIn ?? 0;
  if (!Number.isFinite(carryInRaw) || carryInRaw < 0) throw invalidInput(`结转学时无效：${carryInRaw}`);

  const yearPrefix = `${String(year).padStart(4, '0')}-`;
  const byKind = emptyByKind<Split>(() => ({ required: 0, elective: 0 }));
  let pending = 0;
  for (const record of records) {
    if (!record.date.startsWith(yearPrefix) || record.status === 'rejected') continue;
    const centi = recordCenti(record);
    if (record.status === 'pending') {
      pending += centi;
      continue;
    }
    const split = byKind[record.kind];
    if (record.required) split.required += centi;
    else split.elective += centi;
  }

  const recorded = emptyByKind((kind) => total(byKind[kind]));
  const counted = emptyByKind<Split>((kind) => {
    const cap = training.kind_caps[kind];
    return cap === undefined ? { ...byKind[kind] } : cutTo(byKind[kind], toCenti(cap));
  });
  const onlineForMinimum = total(counted.online);

  const targetCenti = toCenti(training.annual_required_hours);
  const onlineShareCap =
    training.online_cap_share_of_total === null ? null : Math.round(training.online_cap_share_of_total * targetCenti);
  if (onlineShareCap !== null) counted.online = cutTo(counted.online, onlineShareCap);

  const carryIn = training.carry_over ? toCenti(carryInRaw) : 0;
  const totalCenti = sumKinds((kind) => recorded[kind]);
  const countedFromRecords = sumKinds((kind) => total(counted[kind]));
  const countedCenti = countedFromRecords + carryIn;
  const countedRequired = sumKinds((kind) => counted[kind].required);
  const requiredCenti = sumKinds((kind) => byKind[kind].required);

  const reasons: string[] = [];
  const shortfall = (need: number, have: number, label: string): number => {
    const missing = Math.max(0, need - have);
    if (missing > 0) reasons.push(`${label}差 ${formatHours(fromCenti(missing))} 学时`);
    return missing;
  };
  const totalMissing = shortfall(targetCenti, countedCenti, '总学时');
  const onlineMissing = shortfall(toCenti(training.online_min_hours), onlineForMinimum, '网络学时');
  let requiredMissing: number | null = null;
  let rveTotalMissing = 0;
  const rve = training.required_vs_elective;
  if (rve.enabled) {
    requiredMissing = shortfall(toCenti(rve.required), countedRequired, '必修学时');
    rveTotalMissing = shortfall(toCenti(rve.total), countedCenti, '必修与选修合计');
  }

  return {
    year,
    target: fromCenti(targetCenti),
    totalHours: fromCenti(totalCenti),
    onlineHours: fromCenti(recorded.online),
    offlineHours: fromCenti(totalCenti - recorded.online),
    requiredHours: fromCenti(requiredCenti),
    electiveHours: fromCenti(totalCenti - requiredCenti),
    byKind: emptyByKind((kind) => fromCenti(recorded[kind])),
    cappedHours: fromCenti(totalCenti - countedFromRecords),
    carryInHours: fromCenti(carryIn),
    countedHours: fromCenti(countedCenti),
    remainingHours: fromCenti(Math.max(totalMissing, rveTotalMissing)),
    onlineRemaining: fromCenti(onlineMissing),
    requiredRemaining: requiredMissing === null ? null : fromCenti(requiredMissing),
    onlineCapReached: onlineShareCap !== null && onlineForMinimum >= onlineShareCap,
    met: reasons.length === 0,
    unmetReasons: reasons,
    pendingHours: fromCenti(pending),
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
