import type { CardJson } from '../ports';
import type { CheckpointKind } from './checkpoint';
import type { Person } from '../org/person';
import type { StoredTrainingRecord } from './training-records.repository';
import type { UnitCompletion } from './unit-summary';
import type { YearProgress } from './progress';
import type { TrainingRecord } from './training-record';

export interface PersonCredits {
  person: Person;
  unitName: string;
  progress: YearProgress;
  /** Newest first, pending and rejected claims included so the person sees where each stands. */
  recent: StoredTrainingRecord[];
  recordCount: number;
}

export interface UnitCredits {
  unitId: string;
  unitName: string;
  year: number;
  completion: UnitCompletion;
}

export interface ClaimApprovalView {
  claimId: string;
  claimantName: string;
  unitName: string;
  record: Pick<TrainingRecord, 'date' | 'title' | 'kind' | 'hours' | 'required' | 'status'>;
  note: string | null;
  submittedAt: string;
  /** Set once decided. */
  decidedByName?: string | null;
  decisionNote?: string | null;
}

export const CHECKPOINT_LABELS: Record<CheckpointKind, string> = {
  midyear: '年中学时进度提醒',
  yearend: '年底学时提醒',
};

export interface CreditsUnitOptions {
  /** Shown under the title, e.g. `年中进度提醒` when the checkpoint job sends it. */
  subtitle?: string;
}

/** The credits cards core sends by itself: approval requests and checkpoint notices. */
export interface CreditsCards {
  claimApproval(v: ClaimApprovalView): CardJson;
  checkpoint(progress: YearProgress, kind: CheckpointKind): CardJson;
  unit(v: UnitCredits, opts?: CreditsUnitOptions): CardJson;
}
