import type { CardJson } from '../ports';
import type { CheckpointKind } from './checkpoint';
import type { UnitCredits } from './credits-query.service';
import type { YearProgress } from './progress';
import type { TrainingRecord } from './training-record';

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
