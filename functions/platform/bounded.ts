/** Bounded concurrency over a list, for the places that fan out I/O (bulk loads, batch reads, posting). */

/**
 * Runs `work` over `list`, `inFlight` at a time, in order of start. Once one call fails, or `stopped()`
 * says so, no further item is started; the calls under way finish, then the first failure is thrown.
 * Returns how many items were never started.
 */
export async function eachBounded<T>(
  list: readonly T[],
  inFlight: number,
  work: (item: T) => Promise<unknown>,
  stopped: () => boolean = () => false,
): Promise<number> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < list.length && !failed && !stopped()) {
      const item = list[next++]!;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(inFlight, list.length)) }, worker));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return list.length - next;
}
