/**
 * The grading cards carry only the review id and the revision they were built from. Both are
 * hints: the id is used to find the row, whose person is then re-checked against the actor.
 */
export function reviewIdOf(value: Record<string, unknown>): string {
  return typeof value.id === 'string' ? value.id : '';
}

export function cardRevision(value: Record<string, unknown>): number | null {
  const n = typeof value.rev === 'number' ? value.rev : typeof value.rev === 'string' ? Number(value.rev) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : null;
}
