/**
 * `npm run bench`: X12 engine benchmarks (not tests). Prints human-readable lines and one JSON line
 * per figure: {"bench":"x12","figure":...,"value":...,"unit":...}.
 *  1. A 50 MB 835 built from the corpus (distinct claim numbers, written to a temp dir): node-x12's
 *     tokenizer versus ours producing the full typed 835 model with balancing, per transaction set
 *     and per claim.
 *  2. Peak RSS while streaming a 500 MB 835 generated on the fly, in a child process with default
 *     node flags, for both shapes: many ST..SE, and one ST..SE holding every claim.
 *  3. 837P generation throughput.
 *  0. First, the validator's mutant detection rate per supported guide (test/x12/mutation.ts).
 *  4. Last, what a claim's life costs in AWS, measured on the local stack (lifecycle-cost.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { X12Parser } from 'node-x12';
import { parseX12Transactions } from '#functions/x12/parse.ts';
import { readRemittanceClaims } from '#functions/x12/remittance-stream.ts';
import { writeInterchange, sequentialControlNumbers } from '#functions/x12/interchange-writer.ts';
import { TS837P } from '#functions/x12/definitions/ts837.ts';
import { EXAMPLE_837P, EXAMPLE_PARTIES } from '#functions/x12/examples.ts';
import type { ClaimDocument837 } from '#functions/x12/types837.ts';
import type { ModelObject } from '#functions/x12/reader.ts';
import { build835, TEMPLATE_FILES } from './corpus835.ts';
import { detectionReport } from '#test/x12/mutation.ts';
import { lifecycleCost } from './lifecycle-cost.ts';

const MB = 1024 * 1024;
const SIZE = Number(process.env.BENCH_835_MB ?? 50) * MB;
const STREAM_SIZE = Number(process.env.BENCH_STREAM_MB ?? 500) * MB;

function report(figure: string, value: number, unit: string, human: string): void {
  if (human) console.log(human);
  console.log(JSON.stringify({ bench: 'x12', figure, value: Number(value.toFixed(3)), unit }));
}

function time<T>(fn: () => T): { result: T; seconds: number } {
  const start = performance.now();
  const result = fn();
  return { result, seconds: (performance.now() - start) / 1000 };
}

// 0. Mutant detection: every supported guide's valid base file, mutated (goal 100 %).
{
  let all = 0;
  let caught = 0;
  for (const r of detectionReport()) {
    all += r.mutants;
    caught += r.detected;
    const rate = (100 * r.detected) / r.mutants;
    report(
      `mutants detected ${r.guide}`,
      rate,
      '%',
      `mutants ${r.guide}: ${r.detected}/${r.mutants} detected (${rate.toFixed(1)} %)${r.missed.length ? `; missed: ${r.missed.join('; ')}` : ''}`,
    );
  }
  report('mutants detected (all guides)', (100 * caught) / all, '%', `mutants, all guides: ${caught}/${all} detected`);
}

// 1. 50 MB 835: node-x12 tokenizer vs our full typed model with balancing.
const dir = mkdtempSync(join(tmpdir(), 'x12-bench-'));
try {
  const built = build835(SIZE);
  const file = join(dir, 'bench.835');
  writeFileSync(file, built.bytes);
  const bytes = readFileSync(file);
  const mb = bytes.length / MB;
  console.log(`835 input: ${mb.toFixed(1)} MB, ${built.transactionSets} transaction sets, ${built.claims} claims (${file})`);

  // Ours first: node-x12 leaves a heap of ~2 GB behind that would slow whatever runs after it.
  const ours = time(() => {
    let claims = 0;
    let balanced = 0;
    let sets = 0;
    for (const t of parseX12Transactions(bytes)) {
      sets++;
      claims += t.balance?.claimCount ?? 0;
      // Balance only: two corpus templates carry guide errors (TS309/TS311 data, BPR16 month 23).
      if (t.balance?.balanced) balanced++;
    }
    return { claims, balanced, sets };
  });
  if (ours.result.claims !== built.claims || ours.result.balanced !== ours.result.sets) {
    throw new Error(`benchmark input did not read back cleanly: ${JSON.stringify(ours.result)}`);
  }
  report(
    'ours MB/s',
    mb / ours.seconds,
    'MB/s',
    `ours, per transaction set (typed 835 model + guide checks + balancing): ${ours.seconds.toFixed(2)} s, ${(mb / ours.seconds).toFixed(1)} MB/s, ${(ours.result.claims / ours.seconds).toFixed(0)} claims/s, ${ours.result.balanced}/${ours.result.sets} transaction sets balanced`,
  );
  report('ours claims/s', ours.result.claims / ours.seconds, 'claims/s', '');
  const perClaim = time(() => {
    let claims = 0;
    let unbalanced = 0;
    for (const e of readRemittanceClaims(bytes)) {
      if (e.type === 'claim') claims++;
      else if (e.type === 'trailer' && !e.balance.balanced) unbalanced++;
    }
    return { claims, unbalanced };
  });
  if (perClaim.result.claims !== built.claims || perClaim.result.unbalanced !== 0)
    throw new Error(`per-claim reading differs: ${JSON.stringify(perClaim.result)}`);
  report(
    'ours per-claim MB/s',
    mb / perClaim.seconds,
    'MB/s',
    `ours, per claim (same checks, one claim at a time): ${perClaim.seconds.toFixed(2)} s, ${(mb / perClaim.seconds).toFixed(1)} MB/s, ${(perClaim.result.claims / perClaim.seconds).toFixed(0)} claims/s`,
  );
  report('ours per-claim claims/s', perClaim.result.claims / perClaim.seconds, 'claims/s', '');
  const text = bytes.toString('latin1');
  const theirs = time(() => {
    // node-x12 builds its whole interchange object model; counting its segments keeps the work honest.
    const interchange = new X12Parser(true).parse(text) as unknown as { functionalGroups: { transactions: { segments: unknown[] }[] }[] };
    return interchange.functionalGroups.reduce((n, g) => n + g.transactions.reduce((m, t) => m + t.segments.length, 0), 0);
  });
  const theirSegments = theirs.result;
  report(
    'node-x12 MB/s',
    mb / theirs.seconds,
    'MB/s',
    `node-x12 tokenizer: ${theirs.seconds.toFixed(2)} s, ${(mb / theirs.seconds).toFixed(1)} MB/s, ${(built.claims / theirs.seconds).toFixed(0)} claims/s (${theirSegments} segments, no guide, no model, no balancing)`,
  );
  report('node-x12 claims/s', built.claims / theirs.seconds, 'claims/s', '');

  report(
    'speed ratio ours/node-x12',
    theirs.seconds / ours.seconds,
    'x',
    `ratio: ours is ${(theirs.seconds / ours.seconds).toFixed(2)}x node-x12's speed per transaction set, ${(theirs.seconds / perClaim.seconds).toFixed(2)}x per claim (goal: >= 4x)`,
  );
  report('speed ratio ours per-claim/node-x12', theirs.seconds / perClaim.seconds, 'x', '');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// 1b. An ordinary file: whole public 835 interchanges concatenated (a payer's daily files), measured
// as each reader's documentation uses it, interleaved, three rounds, median. The Buffer.indexOf
// segment scan is the machine's limit in JS.
{
  const { SegmentScanner } = await import('#functions/x12/tokenizer.ts');
  const parts: Buffer[] = [];
  const interchanges: string[] = [];
  let size = 0;
  // Only the files node-x12's strict parser accepts (Nevada's ISA is not 106 bytes wide).
  const accepted = TEMPLATE_FILES.map((f) => readFileSync(new URL(`../fixtures/x12/${f}`, import.meta.url))).filter((b) => {
    try {
      new X12Parser(true).parse(b.toString('latin1'));
      return true;
    } catch {
      return false;
    }
  });
  for (let round = 0; size < SIZE; round++) {
    for (const b of accepted) {
      parts.push(b);
      interchanges.push(b.toString('latin1'));
      size += b.length;
    }
  }
  const bytes = Buffer.concat(parts);
  const mb = bytes.length / MB;
  console.log(`ordinary 835 input: ${mb.toFixed(1)} MB, ${interchanges.length} interchanges`);
  const runs: Record<string, () => number> = {
    // Counting segment terminators with Buffer.indexOf: no element, no model.
    scan: () => {
      let n = 0;
      for (let i = bytes.indexOf(126); i >= 0; i = bytes.indexOf(126, i + 1)) n++;
      return n;
    },
    // node-x12 as its README uses it: X12Parser(true).parse(text), one interchange at a time.
    'node-x12': () => {
      let n = 0;
      for (const text of interchanges) {
        const x = new X12Parser(true).parse(text) as unknown as { functionalGroups: { transactions: { segments: unknown[] }[] }[] };
        for (const g of x.functionalGroups) for (const t of g.transactions) n += t.segments.length;
      }
      return n;
    },
    tokenizer: () => {
      const scanner = new SegmentScanner();
      const out: unknown[] = [];
      let n = 0;
      for (let i = 0; i < bytes.length; i += 64 * 1024) {
        scanner.push(bytes.subarray(i, i + 64 * 1024), out as never[]);
        n += out.length;
        out.length = 0;
      }
      scanner.end(out as never[]);
      return n + out.length;
    },
    'typed 835 + checks + balancing': () => {
      let n = 0;
      for (const t of parseX12Transactions(bytes, { profile: 'tolerant' })) n += t.balance?.claimCount ?? 0;
      return n;
    },
  };
  const seconds: Record<string, number[]> = {};
  for (let round = 0; round < 3; round++) {
    for (const [name, fn] of Object.entries(runs)) (seconds[name] ??= []).push(time(fn).seconds);
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[1] as number;
  const mbps: Record<string, number> = {};
  for (const [name, xs] of Object.entries(seconds)) {
    mbps[name] = mb / median(xs);
    report(`ordinary ${name} MB/s`, mbps[name], 'MB/s', `ordinary file, ${name}: ${(mbps[name] as number).toFixed(1)} MB/s (median of 3)`);
  }
  const typed = mbps['typed 835 + checks + balancing'] as number;
  report(
    'ordinary typed/node-x12',
    typed / (mbps['node-x12'] as number),
    'x',
    `typed 835 / node-x12: ${(typed / (mbps['node-x12'] as number)).toFixed(2)}x`,
  );
  report(
    'ordinary typed/scan',
    typed / (mbps.scan as number),
    'x',
    `typed 835 / Buffer.indexOf scan: ${((100 * typed) / (mbps.scan as number)).toFixed(1)} %`,
  );
  report('ordinary tokenizer/scan', (mbps.tokenizer as number) / (mbps.scan as number), 'x', '');
}

// 2. Streaming memory, in a child process so that its peak RSS is its own, with node's default flags.
// Lambda runs transpiled JavaScript, so the child does too: its module graph is type-stripped into a
// temp dir first (no tsx loader thread, no in-process TypeScript stripping). The per-transaction-set
// reader is measured on the many-ST shape only: on one giant ST..SE it holds the whole model.

/** Runs `fn` without Node's "experimental feature" warning on stderr (stripTypeScriptTypes is one). */
function quietly<T>(fn: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = () => undefined;
  try {
    return fn();
  } finally {
    process.emitWarning = emit;
  }
}

/** Writes `entry` and every relative .ts module it imports as plain .js under `outDir`; returns the entry's path. */
function transpileGraph(entry: string, outDir: string): string {
  const root = resolve(fileURLToPath(new URL('../../', import.meta.url)));
  const seen = new Set<string>();
  // Relative imports and the package's subpath imports (#functions/..., #test/...) are followed;
  // a subpath import becomes a relative one in the output, which has no package.json imports map.
  const subpath = /^#(functions|infra|schemas|test)\//;
  const target = (file: string, spec: string): string => (subpath.test(spec) ? join(root, spec.slice(1)) : resolve(dirname(file), spec));
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const specs = /((?:from|import)\s+')((?:\.{1,2}\/|#(?:functions|infra|schemas|test)\/)[^']+)\.ts'/g;
    for (const m of source.matchAll(specs)) visit(target(file, `${m[2]}.ts`));
    const js = quietly(() => stripTypeScriptTypes(source)).replace(specs, (_all, pre: string, spec: string) => {
      if (!subpath.test(spec)) return `${pre}${spec}.js'`;
      const rel = relative(dirname(file), target(file, spec));
      return `${pre}${rel.startsWith('.') ? rel : `./${rel}`}.js'`;
    });
    const out = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, js);
  };
  visit(entry);
  return join(outDir, relative(root, entry)).replace(/\.ts$/, '.js');
}

{
  const out = mkdtempSync(join(tmpdir(), 'x12-bench-js-'));
  try {
    const child = transpileGraph(fileURLToPath(new URL('./stream-memory.ts', import.meta.url)), out);
    writeFileSync(join(out, 'package.json'), '{"type":"module"}');
    const runs: [shape: 'many' | 'one', reader: 'claims' | 'sets', label: string][] = [
      ['many', 'claims', 'many ST..SE, per claim'],
      ['one', 'claims', 'one ST..SE, per claim'],
      ['many', 'sets', 'many ST..SE, per transaction set'],
    ];
    for (const [shape, reader, label] of runs) {
      const env = { ...process.env, X12_BENCH_FIXTURES: fileURLToPath(new URL('../fixtures/x12', import.meta.url)) };
      // --expose-gc only lets the child measure its live heap after the run; it does not change GC behaviour.
      const run = spawnSync(process.execPath, ['--expose-gc', child, String(STREAM_SIZE), shape, reader], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
        env,
      });
      if (run.status !== 0) throw new Error(`streaming child failed: ${run.stderr}`);
      const r = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as {
        bytes: number;
        sets: number;
        claims: number;
        unbalanced: number;
        errors: number;
        seconds: number;
        peakRssMb: number;
        liveHeapMb: number;
      };
      // Guide errors are expected (two templates are not conformant); every claim must still balance.
      if (r.unbalanced) throw new Error(`streamed input did not read back cleanly: ${run.stdout}`);
      report(
        `stream peak RSS MB (${label})`,
        r.peakRssMb,
        'MB',
        `streaming ${(r.bytes / MB).toFixed(0)} MB 835, ${label} (${r.sets} transaction sets, ${r.claims} claims) in ${r.seconds.toFixed(1)} s, default node flags: peak RSS ${r.peakRssMb.toFixed(0)} MB (limit 150 MB) ${r.peakRssMb < 150 ? 'OK' : 'OVER'}`,
      );
      report(
        `stream MB/s (${label})`,
        r.bytes / MB / r.seconds,
        'MB/s',
        `  ${(r.bytes / MB / r.seconds).toFixed(1)} MB/s, ${(r.claims / r.seconds).toFixed(0)} claims/s; live heap after GC at the end: ${r.liveHeapMb.toFixed(1)} MB`,
      );
      report(`stream live heap MB after GC (${label})`, r.liveHeapMb, 'MB', '');
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// 3. 837P generation throughput.
{
  const claimsPerDoc = 5000;
  const template = EXAMPLE_837P.billingProviders[0]?.subscribers[0];
  if (!template) throw new Error('example changed');
  const doc: ClaimDocument837 = {
    ...EXAMPLE_837P,
    billingProviders: [
      {
        ...(EXAMPLE_837P.billingProviders[0] as ClaimDocument837['billingProviders'][number]),
        subscribers: Array.from({ length: claimsPerDoc }, (_, i) => ({
          ...template,
          claims: (template.claims ?? []).map((c) => ({ ...c, patientControlNumber: `PCN${i}` })),
        })),
      },
    ],
  };
  const controls = sequentialControlNumbers();
  let written = 0;
  const rounds = 4;
  const gen = time(() => {
    let size = 0;
    for (let r = 0; r < rounds; r++) {
      size += writeInterchange(EXAMPLE_PARTIES, [{ def: TS837P, model: doc as unknown as ModelObject }], controls).length;
      written += claimsPerDoc;
    }
    return size;
  });
  report(
    '837P claims/s',
    written / gen.seconds,
    'claims/s',
    `837P generation: ${written} claims (${(gen.result / MB).toFixed(1)} MB) in ${gen.seconds.toFixed(2)} s, ${(written / gen.seconds).toFixed(0)} claims/s`,
  );
}

// 4. A claim's life in state transitions, invocations and dollars, on the local stack.
await lifecycleCost();
