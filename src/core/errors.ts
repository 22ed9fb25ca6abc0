/**
 * Domain errors carry a stable code and a message a civil servant can act on. Chat shows the
 * message (the code picks the toast type), the CLI prints it as one line (the code picks the exit
 * code); anything that is not a DomainError becomes an apology with a reference id.
 */
export type ErrorCode =
  | 'NOT_REGISTERED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'LOCKED'
  | 'CONFLICT'
  | 'QUOTA_EXCEEDED'
  | 'TOO_LATE'
  | 'NOT_APPLICABLE'
  /** A card built from an older state of the record, or whose value no longer parses. */
  | 'STALE'
  /** Named in the contract but not built yet. */
  | 'NOT_BUILT'
  /** Would do something hard to undo at scale (deactivate many people): run again with confirmation. */
  | 'NEEDS_CONFIRMATION'
  /** A date of a year whose official holiday schedule is not known yet. */
  | 'CALENDAR_GAP';

export type ToastType = 'error' | 'warning' | 'info';

/** How each code is presented: the toast type in chat and the CLI's exit code. */
export const ERROR_PRESENTATION: Record<ErrorCode, { toast: ToastType; exitCode: number }> = {
  NOT_REGISTERED: { toast: 'error', exitCode: 1 },
  FORBIDDEN: { toast: 'error', exitCode: 1 },
  NOT_FOUND: { toast: 'error', exitCode: 1 },
  INVALID_INPUT: { toast: 'error', exitCode: 1 },
  LOCKED: { toast: 'error', exitCode: 1 },
  CONFLICT: { toast: 'error', exitCode: 1 },
  QUOTA_EXCEEDED: { toast: 'error', exitCode: 1 },
  TOO_LATE: { toast: 'error', exitCode: 1 },
  NOT_APPLICABLE: { toast: 'info', exitCode: 1 },
  STALE: { toast: 'error', exitCode: 1 },
  NOT_BUILT: { toast: 'info', exitCode: 1 },
  NEEDS_CONFIRMATION: { toast: 'warning', exitCode: 3 },
  CALENDAR_GAP: { toast: 'warning', exitCode: 1 },
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Every stale or malformed card gets the same answer: the user can always reopen it. */
export const STALE_CARD = '卡片已失效，请重新打开';

export const forbidden = (msg = '您无权进行此操作。') => new DomainError('FORBIDDEN', msg);
export const notFound = (msg: string) => new DomainError('NOT_FOUND', msg);
export const invalidInput = (msg: string) => new DomainError('INVALID_INPUT', msg);
export const locked = (msg: string) => new DomainError('LOCKED', msg);
export const staleCard = (hint?: string) => new DomainError('STALE', hint ? `${STALE_CARD}（${hint}）。` : `${STALE_CARD}。`);

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
