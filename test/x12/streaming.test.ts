import { Readable } from 'node:stream';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseX12, parseX12Async, parseX12Stream } from '#functions/x12/parse.ts';
import { X12Error } from '#functions/x12/errors.ts';
import { fixture, AFFECT, TASTY } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../fixtures/x12/', import.meta.url));

function allFixtures(dir = ROOT): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return allFixtures(p);
    return name === 'LICENSE.upstream' || name.endsWith('.md') ? [] : [relative(ROOT, p)];
  });
}

function chunked(bytes: Buffer, cuts: number[]): Readable {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.subarray(prev, p));
    prev = p;
  }
  return Readable.from(chunks);
}

describe('streaming reader', () => {
  it('gives the same result as the in-memory reader, however the input is chunked (property)', async () => {
    const bytes = Buffer.concat([fixture(`${AFFECT}nevada_medicaid.txt`), Buffer.from('\n'), fixture(`${TASTY}profee.edi`)]);
    const whole = parseX12(bytes);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 20 }), async (cuts) => {
        expect(await parseX12Async(chunked(bytes, cuts))).toEqual(whole);
      }),
      { numRuns: 50 },
    );
  });

  it('yields each transaction set before the input ends', async () => {
    const bytes = fixture(`${TASTY}profee-multiple.edi`);
    const third = bytes.length / 3;
    let delivered = 0;
    let seenBeforeEnd = 0;
    async function* slow(): AsyncGenerator<Buffer> {
      for (let i = 0; i < bytes.length; i += 4096) {
        if (i > third && seenBeforeEnd === 0) seenBeforeEnd = delivered;
        yield bytes.subarray(i, i + 4096);
      }
    }
    for await (const _t of parseX12Stream(slow())) delivered++;
    expect(delivered).toBe(156);
    expect(seenBeforeEnd).toBeGreaterThan(20);
  });

  it('rejects a truncated stream with a typed error', async () => {
    const bytes = fixture(`${TASTY}profee.edi`).subarray(0, 700);
    await expect(parseX12Async(Readable.from([bytes]))).rejects.toBeInstanceOf(X12Error);
  });
});

describe('every fixture', () => {
  const files = allFixtures();

  it('is found (the corpus copy is complete)', () => {
    expect(files.length).toBeGreaterThanOrEqual(80);
  });

  it.each(files)('%s reads or fails with a typed error; findings never echo names or ids', (file) => {
    const bytes = fixture(file);
    let result;
    try {
      result = parseX12(bytes, { keepSegments: true });
    } catch (e) {
      expect(e).toBeInstanceOf(X12Error);
      // BINARY_INPUT: stupidedi's annotated TR3 examples open with UTF-8 prose (an en dash) before ISA.
      expect(['NO_ISA', 'BAD_SEGMENT_ID', 'BINARY_INPUT']).toContain((e as X12Error).code);
      return;
    }
    // Collect the values of name and id elements and check that no message contains them.
    const secrets = new Set<string>();
    for (const t of result.transactions) {
      for (const s of t.segments ?? []) {
        if (s.id === 'NM1')
          [3, 4, 9].forEach((i) => {
            const v = s.elements[i];
            if (v && v.length > 3) secrets.add(v);
          });
        if (s.id === 'N3' || s.id === 'DMG')
          s.elements.slice(1).forEach((v) => {
            if (v.length > 3) secrets.add(v);
          });
      }
    }
    const messages = [...result.findings, ...result.transactions.flatMap((t) => t.findings)].map((f) => f.message);
    for (const m of messages) for (const secret of secrets) expect(m).not.toContain(secret);
  });
});
