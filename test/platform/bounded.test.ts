import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eachBounded } from '#functions/platform/bounded.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('eachBounded', () => {
  it('runs every item once, never more than inFlight at a time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 8 }), async (n, inFlight) => {
        const seen: number[] = [];
        let running = 0;
        let most = 0;
        const left = await eachBounded(
          Array.from({ length: n }, (_, i) => i),
          inFlight,
          async (i) => {
            most = Math.max(most, ++running);
            await tick();
            seen.push(i);
            running -= 1;
          },
        );
        expect(left).toBe(0);
        expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(most).toBeLessThanOrEqual(inFlight);
      }),
      { numRuns: 50 },
    );
  });

  it('starts nothing more after a failure, lets the calls under way finish, then throws the failure', async () => {
    const finished: number[] = [];
    const run = eachBounded([0, 1, 2, 3, 4, 5], 2, async (i) => {
      await tick();
      if (i === 1) throw new Error('item 1 failed');
      await tick();
      finished.push(i);
    });
    await expect(run).rejects.toThrow('item 1 failed');
    expect(finished).toEqual([0]);
  });

  it('starts nothing more once stopped says so, and says how many were never started', async () => {
    let stop = false;
    const left = await eachBounded(
      [0, 1, 2, 3, 4],
      1,
      async (i) => {
        if (i === 1) stop = true;
      },
      () => stop,
    );
    expect(left).toBe(3);
  });
});
