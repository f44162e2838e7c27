/**
 * The streaming readers in bounded memory, asserted on what the reader keeps and on what reaches the
 * old generation, not on RSS (which swings with the machine's load): 100 MB of generated 835s are
 * streamed from 64 KiB chunks, and every 25 MB a full GC is forced between two chunks.
 *  - The live heap after each full GC may not grow with the input: nothing is retained per
 *    interchange, transaction set or claim once it has been handed over.
 *  - The old generation may not grow much between two full GCs: what reaches it then is garbage
 *    promoted or allocated there, and that is what peak RSS grows with on a long file. A Map keyed by
 *    the open transaction set once put ~4 MB there per 25 MB of small transaction sets (its table was
 *    reallocated in the old generation after each few sets); now it is a few KB.
 *  - A claim a consumer keeps holds its own values, not the chunk text they were read from.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseX12Stream } from '#functions/x12/parse.ts';
import { streamRemittanceClaims } from '#functions/x12/remittance-stream.ts';
import { generate835 } from '#test/bench/corpus835.ts';
import type { Shape835 } from '#test/bench/corpus835.ts';

const MB = 1024 * 1024;
const INPUT = 100 * MB;
const CHECKPOINT = 25 * MB;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const oldSpace = (): number => getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_used_size ?? 0;

interface Checkpoint {
  /** Live heap right after a full GC. */
  live: number;
  /** Old-generation growth since the previous full GC (garbage that reached it, and anything kept). */
  oldGrowth: number;
}

/**
 * Streams a generated 835 of {@link INPUT} bytes in `shape` through `read`, forcing a full GC every
 * {@link CHECKPOINT} bytes (between two chunks, where the reader holds only its carry and the open unit).
 */
async function measure(
  shape: Shape835,
  read: (source: AsyncIterable<Uint8Array>) => Promise<number>,
): Promise<{ units: number; checkpoints: Checkpoint[] }> {
  const checkpoints: Checkpoint[] = [];
  let oldAfterGc = 0;
  async function* source(): AsyncGenerator<Uint8Array> {
    let bytes = 0;
    let next = CHECKPOINT;
    for (const chunk of generate835(INPUT, shape)) {
      yield chunk;
      bytes += chunk.length;
      if (bytes >= next) {
        next += CHECKPOINT;
        const oldBefore = oldSpace();
        gc();
        const live = process.memoryUsage().heapUsed;
        checkpoints.push({ live, oldGrowth: oldAfterGc ? oldBefore - oldAfterGc : 0 });
        oldAfterGc = oldSpace();
      }
    }
  }
  const units = await read(source());
  return { units, checkpoints };
}

async function perClaim(source: AsyncIterable<Uint8Array>): Promise<number> {
  let claims = 0;
  for await (const e of streamRemittanceClaims(source)) if (e.type === 'claim') claims++;
  return claims;
}

async function perSet(source: AsyncIterable<Uint8Array>): Promise<number> {
  let sets = 0;
  for await (const t of parseX12Stream(source)) if (t.model) sets++;
  return sets;
}

describe('streaming readers in bounded memory (100 MB, structures not RSS)', () => {
  it.each([
    ['ordinary interchanges, per claim', 'ordinary', perClaim],
    ['ordinary interchanges, per transaction set', 'ordinary', perSet],
    ['one ST..SE of every claim, per claim', 'one', perClaim],
  ] as const)('%s: the live heap stays flat and little reaches the old generation', { timeout: 180_000 }, async (_label, shape, read) => {
    const { units, checkpoints } = await measure(shape, read);
    expect(units).toBeGreaterThan(10_000);
    expect(checkpoints.length).toBeGreaterThanOrEqual(3);
    const [first, ...rest] = checkpoints as [Checkpoint, ...Checkpoint[]];
    // Nothing kept per unit: the live heap at 100 MB is within 1 MB of the one at 25 MB.
    for (const c of rest) expect(c.live - first.live).toBeLessThan(1 * MB);
    // Between two full GCs, 25 MB of input may leave at most 1 MB in the old generation.
    for (const c of rest) expect(c.oldGrowth).toBeLessThan(1 * MB);
  });

  it('a kept claim holds its own values, not the 16 KiB text of the chunk it was read from', async () => {
    const kept: unknown[] = [];
    const keep = async (source: AsyncIterable<Uint8Array>): Promise<void> => {
      for await (const e of streamRemittanceClaims(source)) if (e.type === 'claim' && e.claimIndex % 10 === 0) kept.push(e.claim);
    };
    async function* source(): AsyncGenerator<Uint8Array> {
      yield* generate835(10 * MB, 'one');
    }
    gc();
    const before = process.memoryUsage().heapUsed;
    await keep(source());
    gc();
    const perClaim = (process.memoryUsage().heapUsed - before) / kept.length;
    expect(kept.length).toBeGreaterThan(2000);
    // ~4.0 KB a claim with its services and adjustments; ~7.0 KB when its ids were slices of the chunk's text.
    expect(perClaim).toBeLessThan(5 * 1024);
  });
});
