/**
 * `npm run bench`: X12 engine benchmarks (not tests). Prints human-readable lines and one JSON line
 * per figure: {"bench":"x12","figure":...,"value":...,"unit":...}.
 *  1. Two 50 MB 835s built from the corpus (distinct claim numbers): one giant interchange, and an
 *     ordinary file of 186 interchanges. On each, interleaved, 3 rounds, median: a Buffer.indexOf
 *     segment scan, node-x12 as its README uses it, our tokenizer, our typed 835 model with guide
 *     checks and balancing (per transaction set and per claim), as MB/s by wall time and by CPU
 *     time (steadier on a shared machine), the ratios of both, and the load average. Beside them,
 *     four references: our tokenizer's byte loop without its segment objects, a flat model (each
 *     segment one object of six strings), JSON.parse of our typed model's JSON, and a byte-level
 *     pass that balances and nothing else (balance-sketch.ts, a ceiling for any reader that balances).
 *  2. Peak RSS while streaming a 500 MB 835 from a file, in a child process with default node
 *     flags, for both shapes: many ST..SE, and one ST..SE holding every claim.
 * BENCH_ONLY=throughput,stream (any of mutants, throughput, stream, generation, cost, posting, seeding, startup) runs only those.
 *  3. 837P generation throughput.
 *  0. First, the validator's mutant detection rate per supported guide (test/x12/mutation.ts).
 *  4. What a claim's life costs in AWS, measured on the local stack (lifecycle-cost.ts).
 *  4b. A 10,000-claim 835 posted end to end by PayerFileIntake beside DynamoDB Local's ceiling (posting.ts):
 *     {"bench":"posting",...}.
 *  4c. Seeding 10,000 claims one record at a time beside one bulk load (seeding.ts): {"bench":"seeding",...}.
 *  5. Last, the local stack's cold start beside DynamoDB Local's own JVM start (startup.ts):
 *     {"bench":"startup",...}.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { X12Parser } from 'node-x12';
import { parseX12Transactions } from '#functions/x12/parse.ts';
import { readRemittanceClaims } from '#functions/x12/remittance-stream.ts';
import { writeInterchange, sequentialControlNumbers } from '#functions/x12/interchange-writer.ts';
import { TS837P } from '#functions/x12/definitions/ts837.ts';
import { EXAMPLE_837P, EXAMPLE_PARTIES } from '#functions/x12/examples.ts';
import type { ClaimDocument837 } from '#functions/x12/types837.ts';
import type { ModelObject } from '#functions/x12/reader.ts';
import { sketchBalance } from './balance-sketch.ts';
import { build835, buildOrdinary835, countSegments, generate835 } from './corpus835.ts';
import type { Ordinary835, Shape835 } from './corpus835.ts';
import { ownString, SegmentScanner } from '#functions/x12/tokenizer.ts';
import { detectionReport } from '#test/x12/mutation.ts';
import { lifecycleCost } from './lifecycle-cost.ts';
import { postingBench } from './posting.ts';
import { seedingBench } from './seeding.ts';
import { startupBench } from './startup.ts';

const MB = 1024 * 1024;
const SIZE = Number(process.env.BENCH_835_MB ?? 50) * MB;
const STREAM_SIZE = Number(process.env.BENCH_STREAM_MB ?? 500) * MB;
/** Size of the ordinary 835 each throughput reader reads untimed before its timed run. */
const WARM_UP_SIZE = 16 * MB;

/** Whether a section runs: all of them unless BENCH_ONLY names some. */
function runs(section: 'mutants' | 'throughput' | 'stream' | 'generation' | 'cost' | 'posting' | 'seeding' | 'startup'): boolean {
  const only = process.env.BENCH_ONLY;
  return !only || only.split(',').includes(section);
}

function report(figure: string, value: number, unit: string, human: string): void {
  if (human) console.log(human);
  console.log(JSON.stringify({ bench: 'x12', figure, value: Number(value.toFixed(3)), unit }));
}

/**
 * Wall time and CPU time of `fn`. CPU time (user + system of the process, GC helper threads included)
 * swings far less than wall time on a shared machine, where a short run may get a whole time slice
 * and a long one is preempted.
 */
function time<T>(fn: () => T): { result: T; seconds: number; cpuSeconds: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = fn();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { result, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** The machine's load, printed beside throughput figures taken on it. */
function load(): string {
  return `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(', ')} on ${availableParallelism()} cores`;
}

// 0. Mutant detection: every supported guide's valid base file, mutated (goal 100 %).
if (runs('mutants')) {
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

// 1. Throughput on two file shapes of the same size: a giant file (one interchange of many ST..SE)
// and an ordinary one (186 interchanges of about 270 KiB, a payer's daily files concatenated). On
// each: the Buffer.indexOf segment scan (the machine's limit in JS), node-x12 as its README uses it
// (`new X12Parser(true).parse(text)`: the whole giant file at once, the ordinary file one interchange
// at a time), our tokenizer alone, our typed 835 model with guide checks and balancing, and our
// per-claim reader. Beside them, three references: our tokenizer's byte loop without its segment
// objects, a flat model (each segment one object of six strings) and JSON.parse of our typed model.
// The readers run interleaved, three rounds, and each figure is the median of its three, so that a
// load swing hits every reader alike; the ratios are taken from the medians.
if (runs('throughput')) {
  interface Input {
    shape: 'giant' | 'ordinary';
    bytes: Buffer;
    /** What node-x12 is given: the whole file as one text, or one text per interchange. */
    texts: string[];
    claims: number;
    transactionSets: number;
  }
  const giant = build835(SIZE);
  /** An ordinary file as the readers take it: node-x12 one interchange at a time. */
  const ordinaryInput = (o: Ordinary835): Input => ({
    shape: 'ordinary',
    bytes: o.bytes,
    texts: o.interchanges.map((b) => b.toString('latin1')),
    claims: o.claims,
    transactionSets: o.transactionSets,
  });
  // What each reader reads, untimed, between the full collection and its timed run (see below).
  const warmUp = ordinaryInput(buildOrdinary835(WARM_UP_SIZE));
  const inputs: Input[] = [
    {
      shape: 'giant',
      bytes: giant.bytes,
      texts: [giant.bytes.toString('latin1')],
      claims: giant.claims,
      transactionSets: giant.transactionSets,
    },
    ordinaryInput(buildOrdinary835(SIZE)),
  ];
  const terminator = '~'.charCodeAt(0);
  // The byte loop's classes: 1 element separator, 2 segment terminator, 3 control byte (both files
  // use * and ~; the count must equal the scan's, which the checks below see).
  const byteClasses = new Uint8Array(256);
  for (let c = 0; c < 32; c++) byteClasses[c] = 3;
  byteClasses[127] = 3;
  byteClasses['*'.charCodeAt(0)] = 1;
  byteClasses[terminator] = 2;
  const boundaries = new Int32Array(4096);
  let controlBytes = 0;
  /**
   * Each transaction set's typed model as JSON, for the json-model reference: made untimed right
   * before its runs and dropped after them, so that no other reader runs with it in memory.
   */
  const modelJson = new Map<Input, string[]>();
  const jsonOf = (input: Input): string[] => {
    let texts = modelJson.get(input);
    if (texts === undefined) {
      texts = [];
      for (const t of parseX12Transactions(input.bytes)) texts.push(JSON.stringify(t.model));
      modelJson.set(input, texts);
    }
    return texts;
  };
  const readers: Record<string, (input: Input) => number> = {
    // Counting segment terminators with Buffer.indexOf: no element, no model.
    scan: ({ bytes }) => {
      let n = 0;
      for (let i = bytes.indexOf(terminator); i >= 0; i = bytes.indexOf(terminator, i + 1)) n++;
      return n;
    },
    // node-x12 builds its interchange object model; counting its segments keeps the work honest.
    'node-x12': ({ texts }) => {
      let n = 0;
      for (const text of texts) {
        const x = new X12Parser(true).parse(text) as unknown as { functionalGroups: { transactions: { segments: unknown[] }[] }[] };
        for (const g of x.functionalGroups) for (const t of g.transactions) n += t.segments.length + 2;
        n += 2 * x.functionalGroups.length + 2;
      }
      return n;
    },
    // Our tokenizer's fused pass alone (tokenizer.ts): one table lookup per byte, element boundaries
    // recorded in a reused block, control bytes noted; no segment object, no text, no delimiters read.
    'byte-loop': ({ bytes }) => {
      let segments = 0;
      let controls = 0;
      let u = 0;
      for (let p = 0; p < bytes.length; p++) {
        const k = byteClasses[bytes[p] as number] as number;
        if (k === 0) continue;
        if (k === 1) {
          if (u < boundaries.length) boundaries[u++] = p;
        } else if (k === 2) {
          segments++;
          u = 0;
        } else controls++;
      }
      controlBytes += controls;
      return segments;
    },
    // A flat model: each segment becomes one object of one shape holding its first six elements
    // as strings (copied as the typed reader copies a value it keeps), kept a while as a model's are;
    // no loop, no list, no number, no check. A reference, not a strict floor: the typed model keeps
    // fewer strings (listed codes are the list's own, amounts numbers) but makes more objects.
    'flat-model': ({ bytes }) => {
      const text = bytes.toString('latin1');
      const own = (a: number, b: number): string | undefined => (b <= a ? undefined : ownString(text, a, b));
      const element = (j: number, u: number, end: number): string | undefined =>
        j > u ? undefined : own((boundaries[j - 1] as number) + 1, j < u ? (boundaries[j] as number) : end);
      let kept: object[] = [];
      let segments = 0;
      let u = 0;
      for (let p = 0; p < bytes.length; p++) {
        const k = byteClasses[bytes[p] as number] as number;
        if (k === 1) {
          if (u < boundaries.length) boundaries[u++] = p;
        } else if (k === 2) {
          kept.push({
            e1: element(1, u, p),
            e2: element(2, u, p),
            e3: element(3, u, p),
            e4: element(4, u, p),
            e5: element(5, u, p),
            e6: element(6, u, p),
          });
          segments++;
          u = 0;
          if (kept.length === 64) kept = [];
        }
      }
      return segments;
    },
    // A ceiling, not a reader: one byte-level pass doing only what balancing needs (balance-sketch.ts):
    // amounts read to cents in place, claims indexed in typed arrays, no check, no object a segment.
    'balance-sketch': ({ bytes }) => {
      const { claims, unbalanced } = sketchBalance(bytes);
      if (unbalanced) throw new Error(`the balance sketch found ${unbalanced} imbalances`);
      return claims;
    },
    tokenizer: ({ bytes }) => countSegments(new SegmentScanner(), bytes),
    // Default (conformance) profile: every guide check runs; balancing on every transaction set.
    typed: ({ bytes }) => {
      let claims = 0;
      let unbalanced = 0;
      for (const t of parseX12Transactions(bytes)) {
        claims += t.balance?.claimCount ?? 0;
        if (!t.balance?.balanced) unbalanced++;
      }
      if (unbalanced) throw new Error(`${unbalanced} transaction sets did not balance`);
      return claims;
    },
    // V8's own parser (C++) reading our typed model's JSON (~3 times the X12's bytes, every value a
    // fresh string) into the same objects, one transaction set at a time; MB/s counts the X12's bytes.
    'json-model': (input) => {
      let n = 0;
      for (const text of jsonOf(input)) if (JSON.parse(text) !== null) n++;
      return n;
    },
    'per-claim': ({ bytes }) => {
      let claims = 0;
      for (const e of readRemittanceClaims(bytes)) {
        if (e.type === 'claim') claims++;
        else if (e.type === 'trailer' && !e.balance.balanced) throw new Error('a transaction set did not balance');
      }
      return claims;
    },
  };
  const labels: Record<string, string> = {
    scan: 'Buffer.indexOf segment scan',
    'node-x12': 'node-x12 X12Parser(true).parse',
    'byte-loop': "our tokenizer's byte loop alone (one table lookup a byte, boundaries kept)",
    'flat-model': 'a flat model: each segment one object of its first six elements as strings',
    'balance-sketch': 'a byte-level pass with balancing alone: claims indexed in typed arrays, no check, no object (a ceiling)',
    tokenizer: 'ours, tokenizer only',
    'json-model': 'JSON.parse of our typed 835 model, per transaction set',
    typed: 'ours, typed 835 + guide checks + balancing, per transaction set',
    'per-claim': 'ours, typed 835 + guide checks + balancing, per claim',
  };
  for (const input of inputs) {
    console.log(
      `835 input (${input.shape}): ${(input.bytes.length / MB).toFixed(1)} MB, ${input.texts.length} interchange(s), ${input.transactionSets} transaction sets, ${input.claims} claims`,
    );
  }
  // A full collection before each timed run, so that no reader pays for the garbage of the one before
  // it (node-x12 leaves gigabytes behind on the giant file). A forced collection also throws away
  // optimized code (V8 logs ~250 "weak objects" deopts of our functions each time, which V8's own major
  // collections do not cause: presumably they keep the maps of objects that just died), and the next
  // run pays for running unoptimized until V8 has compiled it all again: the typed 835 read the
  // ordinary file at ~40 CPU MB/s right after it, ~58 after 4 MB read untimed, ~63 after 16 MB (~70
  // in a process never collected by force). Measured between 290 KB files in a warm process: 45-51 ms
  // a file after a forced collection, 4.7 ms (median) with 24 ordinary major collections among 100
  // files, 3.3-3.6 ms with none. So each reader then reads a 16 MB ordinary file untimed and is timed
  // warm, as in a process that has been reading files; node-x12 is treated the same way.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const seconds: Record<string, number[]> = {};
  const cpuSeconds: Record<string, number[]> = {};
  const counts: Record<string, number> = {};
  const ROUNDS = 3;
  console.log(`throughput rounds start: ${load()}`);
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved: every reader on every shape in each round, so load changes spread over all of them.
    for (const input of inputs) {
      for (const [name, fn] of Object.entries(readers)) {
        const key = `${input.shape} ${name}`;
        if (name === 'json-model') for (const i of [warmUp, input]) jsonOf(i);
        gc();
        fn(warmUp);
        const t = time(() => fn(input));
        (seconds[key] ??= []).push(t.seconds);
        (cpuSeconds[key] ??= []).push(t.cpuSeconds);
        if (counts[key] !== undefined && counts[key] !== t.result) throw new Error(`${key} counted differently across rounds`);
        counts[key] = t.result;
        if (name === 'json-model') modelJson.clear();
      }
    }
  }
  console.log(`throughput rounds end: ${load()} (control bytes the byte loop met, over all its runs: ${controlBytes})`);
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  for (const input of inputs) {
    const mb = input.bytes.length / MB;
    const mbps: Record<string, number> = {};
    const cpuMbps: Record<string, number> = {};
    const key = (name: string): string => `${input.shape} ${name}`;
    // Every reader must have read the same thing.
    if (
      counts[key('typed')] !== input.claims ||
      counts[key('per-claim')] !== input.claims ||
      counts[key('balance-sketch')] !== input.claims
    )
      throw new Error(`${input.shape}: claims read back differ from claims written`);
    if (counts[key('json-model')] !== input.transactionSets) throw new Error(`${input.shape}: JSON models differ from transaction sets`);
    if (
      counts[key('tokenizer')] !== counts[key('scan')] ||
      counts[key('node-x12')] !== counts[key('scan')] ||
      counts[key('byte-loop')] !== counts[key('scan')] ||
      counts[key('flat-model')] !== counts[key('scan')]
    )
      throw new Error(`${input.shape}: segment counts differ: ${JSON.stringify(counts)}`);
    for (const name of Object.keys(readers)) {
      const xs = seconds[key(name)] as number[];
      mbps[name] = mb / median(xs);
      report(
        `${input.shape} ${name} MB/s`,
        mbps[name],
        'MB/s',
        `${input.shape}, ${labels[name]}: ${(mbps[name] as number).toFixed(1)} MB/s (median of ${ROUNDS}: ${xs.map((x) => (mb / x).toFixed(1)).join(', ')})`,
      );
      const cs = cpuSeconds[key(name)] as number[];
      cpuMbps[name] = mb / median(cs);
      report(
        `${input.shape} ${name} CPU MB/s`,
        cpuMbps[name],
        'MB/s',
        `  by CPU time: ${(cpuMbps[name] as number).toFixed(1)} MB/s (median of ${ROUNDS}: ${cs.map((x) => (mb / x).toFixed(1)).join(', ')})`,
      );
    }
    const ratio = (a: string, b: string, goal: string): void => {
      const r = (mbps[a] as number) / (mbps[b] as number);
      report(`${input.shape} ${a}/${b}`, r, 'x', `  ${input.shape}: ${a} / ${b} = ${r.toFixed(3)}x (${goal})`);
      const c = (cpuMbps[a] as number) / (cpuMbps[b] as number);
      report(`${input.shape} ${a}/${b} by CPU time`, c, 'x', `  ${input.shape}: ${a} / ${b} = ${c.toFixed(3)}x by CPU time`);
    };
    ratio('typed', 'node-x12', 'goal >= 6x');
    ratio('per-claim', 'node-x12', 'goal >= 6x');
    ratio('typed', 'scan', 'goal >= 0.25x');
    ratio('tokenizer', 'scan', 'goal: near 1x');
    ratio('byte-loop', 'scan', "our tokenizer's byte loop alone, of the scan");
    ratio('tokenizer', 'byte-loop', 'no goal: the tokenizer against its own byte loop without segment objects');
    ratio('flat-model', 'scan', 'a flat model of six strings a segment, of the scan');
    ratio('typed', 'flat-model', 'no goal: a model with loops, numbers and checks against a flat one of six strings a segment');
    ratio('typed', 'json-model', 'no goal: JSON.parse of the same model, whose JSON is ~3x the X12, for reference');
    ratio('balance-sketch', 'scan', 'a byte-level pass with balancing alone, of the scan: a ceiling for any reader that balances');
    ratio('typed', 'balance-sketch', 'no goal: the typed 835 with every guide check against that ceiling');
  }
}

// 2. Streaming memory from a file (written once per shape to a temp dir), in a child process so that
// its peak RSS is its own, with node's default flags.
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

if (runs('stream')) {
  const out = mkdtempSync(join(tmpdir(), 'x12-bench-js-'));
  try {
    const child = transpileGraph(fileURLToPath(new URL('./stream-memory.ts', import.meta.url)), out);
    writeFileSync(join(out, 'package.json'), '{"type":"module"}');
    const runs: [shape: Shape835, reader: 'claims' | 'sets', label: string][] = [
      ['ordinary', 'claims', 'ordinary interchanges, per claim'],
      ['ordinary', 'sets', 'ordinary interchanges, per transaction set'],
      ['many', 'claims', 'one interchange of many ST..SE, per claim'],
      ['many', 'sets', 'one interchange of many ST..SE, per transaction set'],
      ['one', 'claims', 'one ST..SE, per claim'],
    ];
    const files = new Map<Shape835, string>();
    for (const [shape, reader, label] of runs) {
      let file = files.get(shape);
      if (file === undefined) {
        // The file is written once per shape, in the generator's chunks, never held whole in memory.
        for (const f of files.values()) rmSync(f, { force: true });
        files.clear();
        file = join(out, `stream-${shape}.835`);
        const fd = openSync(file, 'w');
        try {
          for (const chunk of generate835(STREAM_SIZE, shape)) writeSync(fd, chunk);
        } finally {
          closeSync(fd);
        }
        files.set(shape, file);
      }
      const env = { ...process.env };
      // --expose-gc only lets the child measure its live heap after the run; it does not change GC behaviour.
      const run = spawnSync(process.execPath, ['--expose-gc', child, file, reader], {
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
        baselineRssMb: number;
        peakHeapMb: number;
        peakArrayBuffersMb: number;
      };
      // Guide errors are expected (two templates are not conformant); every claim must still balance.
      if (r.unbalanced) throw new Error(`streamed input did not read back cleanly: ${run.stdout}`);
      report(
        `stream peak RSS MB (${label})`,
        r.peakRssMb,
        'MB',
        `streaming ${(r.bytes / MB).toFixed(0)} MB 835, ${label} (${r.sets} transaction sets, ${r.claims} claims) in ${r.seconds.toFixed(1)} s, default node flags: peak RSS ${r.peakRssMb.toFixed(0)} MB (goal < 100 MB) ${r.peakRssMb < 100 ? 'OK' : 'OVER'}`,
      );
      report(
        `stream MB/s (${label})`,
        r.bytes / MB / r.seconds,
        'MB/s',
        `  ${(r.bytes / MB / r.seconds).toFixed(1)} MB/s, ${(r.claims / r.seconds).toFixed(0)} claims/s; live heap after GC at the end: ${r.liveHeapMb.toFixed(1)} MB`,
      );
      report(`stream live heap MB after GC (${label})`, r.liveHeapMb, 'MB', '');
      report(
        `stream baseline RSS MB (${label})`,
        r.baselineRssMb,
        'MB',
        `  of the peak: node and modules before reading ${r.baselineRssMb.toFixed(0)} MB; V8 heap (young + old generation) up to ${r.peakHeapMb.toFixed(0)} MB; array buffers up to ${r.peakArrayBuffersMb.toFixed(1)} MB`,
      );
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// 3. 837P generation throughput.
if (runs('generation')) {
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
if (runs('cost')) await lifecycleCost();

// 4b. Remittance posting at payer scale, beside DynamoDB Local's ceiling for its transactions.
if (runs('posting')) await postingBench();
// 4c. Seeding a book of claims: one record at a time beside a bulk load.
if (runs('seeding')) await seedingBench();

// 5. The local stack's cold start, beside DynamoDB Local's own JVM start (the floor).
if (runs('startup')) await startupBench();
