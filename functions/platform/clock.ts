/**
 * The time handlers act at. On AWS it is the system clock; the local stack puts its simulated clock
 * here, so a claim's dates, the payer's and the workflow's all move together when time is advanced.
 */
let source: () => Date = () => new Date();

/** The current time. */
export function now(): Date {
  return source();
}

/** Replaces the time source (the local stack does this); without an argument, restores the system clock. */
export function useClock(clock?: () => Date): void {
  source = clock ?? (() => new Date());
}
