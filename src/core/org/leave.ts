/** A leave period as stored: whole days, both ends inclusive. */
export interface LeavePeriod {
  id: string;
  openId: string;
  startDate: string;
  endDate: string;
  kind: string;
  note: string | null;
}

/**
 * On leave for the week when leave covers every one of its workdays. Partial leave still asks
 * for a record (the person worked part of the week); a week with no workday is never "on leave".
 */
export function leaveCoversWorkdays(leaves: readonly Pick<LeavePeriod, 'startDate' | 'endDate'>[], workdays: readonly string[]): boolean {
  if (workdays.length === 0) return false;
  return workdays.every((d) => leaves.some((l) => l.startDate <= d && d <= l.endDate));
}
