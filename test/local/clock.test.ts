import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_DELAY_MS, SimulatedClock, parseDuration } from '#infra/local/clock.ts';

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('SimulatedClock', () => {
  afterEach(() => vi.restoreAllMocks());

  it('fires timers in due order as time is advanced, whatever order they were set in', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 90 * 86_400_000 }), { minLength: 1, maxLength: 30 }), async (delays) => {
        const clock = new SimulatedClock({ start: 0 });
        const fired: number[] = [];
        delays.forEach((delay, i) => void clock.sleep(delay).then(() => fired.push(i)));
        clock.advanceTo(Math.max(...delays));
        await flush();
        const expected = delays
          .map((delay, i) => ({ delay, i }))
          .sort((a, b) => a.delay - b.delay || a.i - b.i)
          .map((t) => t.i);
        expect(fired).toEqual(expected);
      }),
    );
  });

  it('does not fire a timer before its time', async () => {
    const clock = new SimulatedClock({ start: 1_000 });
    let fired = false;
    void clock.sleep(5_000).then(() => (fired = true));
    clock.advanceTo(5_999);
    await flush();
    expect(fired).toBe(false);
    clock.advanceTo(6_000);
    await flush();
    expect(fired).toBe(true);
    expect(clock.now()).toBe(6_000);
  });

  it('never hands Node a timer delay above 2^31-1 ms, even for a 60-day wait', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const clock = new SimulatedClock({ followRealTime: true });
    void clock.sleep(60 * 86_400_000);
    const delays = spy.mock.calls.map((call) => call[1] ?? 0);
    expect(delays.length).toBeGreaterThan(0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(MAX_TIMER_DELAY_MS);
  });

  it('rejects a sleep when its signal aborts and forgets the timer', async () => {
    const clock = new SimulatedClock({ start: 0 });
    const controller = new AbortController();
    const sleeping = clock.sleep(10_000, controller.signal);
    controller.abort(new Error('stopped'));
    await expect(sleeping).rejects.toThrow('stopped');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('parses the durations ops engineers type', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('7d')).toBe(7 * 86_400_000);
    expect(parseDuration('36h')).toBe(36 * 3_600_000);
    expect(() => parseDuration('soon')).toThrow(/Not a duration/);
  });
});
