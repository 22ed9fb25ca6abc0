/**
 * Domain errors carry a stable code and a message a civil servant can act on.
 * The dispatcher shows `message` to the user; anything else becomes an apology with a reference id.
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
  | 'NOT_APPLICABLE';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const forbidden = (msg = '您无权进行此操作。') => new DomainError('FORBIDDEN', msg);
export const notFound = (msg: string) => new DomainError('NOT_FOUND', msg);
export const invalidInput = (msg: string) => new DomainError('INVALID_INPUT', msg);
export const locked = (msg: string) => new DomainError('LOCKED', msg);

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
