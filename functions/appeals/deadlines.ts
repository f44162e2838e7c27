/**
 * How long a workflow waits on a person's approval of an appeal packet, counted from the function's
 * clock: the payer accepts the appeal through its due date, so the wait ends when that day ends (UTC);
 * it escalates a week before. Step Functions needs whole seconds, at least one; we keep a minute.
 */
const DAY_MS = 86_400_000;

/** Days before the end of the due date at which an unapproved packet is escalated. */
export const ESCALATE_DAYS_BEFORE_DUE = 7;
/** The shortest wait handed to a workflow. */
export const MIN_WAIT_SECONDS = 60;

/** The instant the appeal window closes: the end of the due date, UTC. */
export function appealWindowClosesAt(dueDate: string): number {
  return Date.parse(`${dueDate}T00:00:00Z`) + DAY_MS;
}

/** Whether the due date is still ahead or today. */
export function isWithinAppealWindow(dueDate: string, now: Date): boolean {
  return now.getTime() < appealWindowClosesAt(dueDate);
}

/** Whole seconds from now until the window closes, at least {@link MIN_WAIT_SECONDS}. */
export function secondsUntilDue(dueDate: string, now: Date): number {
  return Math.max(MIN_WAIT_SECONDS, Math.floor((appealWindowClosesAt(dueDate) - now.getTime()) / 1000));
}

/** Whole seconds from now until the escalation point (a week before the window closes), at least a minute and never past the deadline. */
export function secondsUntilEscalation(dueDate: string, now: Date): number {
  const at = appealWindowClosesAt(dueDate) - ESCALATE_DAYS_BEFORE_DUE * DAY_MS;
  return Math.min(secondsUntilDue(dueDate, now), Math.max(MIN_WAIT_SECONDS, Math.floor((at - now.getTime()) / 1000)));
}
