import type { Rules } from '../rules/rules';
import { yearProgress, type YearProgress } from '../credits/progress';
import type { TrainingRecord } from '../credits/training-record';

type GateRecord = Pick<TrainingRecord, 'date' | 'kind' | 'hours' | 'required' | 'status' | 'examResult'>;

/** The training gate of one person's year, as the annual link sees it. */
export interface TrainingGate {
  /** The year's own records; null while the year runs and they are not yet met. */
  met: boolean | null;
  /** What the year's records are short of. */
  shortfall: string[];
  /** Unmet in the year, completed by 补学 within the window: the 缓定 is cleared. */
  madeUp: boolean;
  /** The last day a 补学 record still counts for the year (YYYY-MM-DD), or null when the rules allow none. */
  makeUpUntil: string | null;
  progress: YearProgress;
}

/**
 * 缓定 and its clearing (seed 002: "未完成年度培训任务的…缓定当年年度考核等次，等培训任务完成后再
 * 确定"): once the year is over, a person whose year's records miss a requirement is deferred; approved
 * records dated in the next year up to `annual.training_makeup_until` (and no later than today) count
 * for the year again, and when they complete it the deferral is cleared. Whether that also restores
 * 评优 is `makeup_restores_excellent`.
 */
export function trainingGate(records: readonly GateRecord[], rules: Pick<Rules, 'training' | 'annual'>, year: number, today: string): TrainingGate {
  const progress = yearProgress(records, rules.training, { year });
  const yearOver = today > `${year}-12-31`;
  const mmdd = rules.annual.training_makeup_until;
  const makeUpUntil = mmdd ? `${year + 1}-${mmdd}` : null;
  if (progress.met) return { met: true, shortfall: [], madeUp: false, makeUpUntil, progress };
  if (!yearOver) return { met: null, shortfall: progress.unmetReasons, madeUp: false, makeUpUntil, progress };
  if (!makeUpUntil) return { met: false, shortfall: progress.unmetReasons, madeUp: false, makeUpUntil, progress };
  const until = today < makeUpUntil ? today : makeUpUntil;
  const withMakeUp = yearProgress(records, rules.training, { year, makeUpUntil: until });
  return { met: false, shortfall: progress.unmetReasons, madeUp: withMakeUp.met, makeUpUntil, progress: withMakeUp.met ? withMakeUp : progress };
}
