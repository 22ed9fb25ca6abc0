import { DomainError, type ErrorCode } from './errors';

/**
 * Checks return every problem at once so a card can list them all; services that must stop
 * call this to turn the list into one DomainError.
 */
export function assertNoProblems(problems: readonly string[], code: ErrorCode = 'INVALID_INPUT'): void {
  if (problems.length > 0) throw new DomainError(code, problems.join('；'));
}
