/**
 * Profiling aid (not part of `npm run bench`): reads the ordinary 835 (whole public interchanges
 * concatenated) through one path, several times, and prints MB/s per round. Usage:
 * `node --cpu-prof --import tsx test/bench/typed835.ts [typed|models|envelope|tokenizer|claims] [MB] [rounds]`.
 */
import { EnvelopeReader } from '#functions/x12/envelope.ts';
import { parseX12Transactions } from '#functions/x12/parse.ts';
import { TransactionWalker } from '#functions/x12/reader.ts';
import { findDefinition } from '#functions/x12/registry.ts';
import type { TransactionSetDef } from '#functions/x12/schema.ts';
import { readRemittanceClaims } from '#functions/x12/remittance-stream.ts';
import { SegmentScanner } from '#functions/x12/tokenizer.ts';
import type { Segment } from '#functions/x12/tokenizer.ts';
import { buildOrdinary835, countSegments } from './corpus835.ts';

const MB = 1024 * 1024;
const path = process.argv[2] ?? 'typed';
const { bytes } = buildOrdinary835(Number(process.argv[3] ?? 50) * MB);
const rounds = Number(process.argv[4] ?? 3);

/** Scans the file in 64 KiB chunks, as the streaming readers do, and hands every segment to the envelope reader. */
function feed(envelope: EnvelopeReader): void {
  const scanner = new SegmentScanner();
  const out: Segment[] = [];
  for (let i = 0; i <= bytes.length; i += 64 * 1024) {
    if (i < bytes.length) scanner.push(bytes.subarray(i, i + 64 * 1024), out);
    else scanner.end(out);
    for (const s of out) envelope.accept(s);
    out.length = 0;
  }
}

const runs: Record<string, () => number> = {
  typed: () => {
    let n = 0;
    for (const t of parseX12Transactions(bytes, { profile: 'tolerant' })) n += t.balance?.claimCount ?? 0;
    return n;
  },
  tokenizer: () => countSegments(new SegmentScanner(), bytes),
  // The scanner and the envelope reader alone (transaction sets counted, not read): the floor under `typed`.
  envelope: () => {
    let n = 0;
    const envelope = new EnvelopeReader({ open: () => () => {}, close: () => void n++ }, { profile: 'tolerant' });
    feed(envelope);
    return n;
  },
  // Every transaction set read into its model, without balancing.
  models: () => {
    let n = 0;
    const envelope = new EnvelopeReader(
      {
        open: (info) => {
          const def = findDefinition(info.setId, info.implementationReference ?? info.group?.version) as TransactionSetDef;
          const walker = new TransactionWalker(def, info.findings);
          current = walker;
          return (s) => walker.accept(s);
        },
        close: () => {
          current?.finish();
          if (current?.root) n++;
        },
      },
      { profile: 'tolerant' },
    );
    let current: TransactionWalker | undefined;
    feed(envelope);
    return n;
  },
  claims: () => {
    let n = 0;
    for (const e of readRemittanceClaims(bytes, { profile: 'tolerant' })) if (e.type === 'claim') n++;
    return n;
  },
};
const run = runs[path];
if (!run) throw new Error(`unknown path ${path}`);
for (let r = 0; r < rounds; r++) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const n = run();
  const s = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  // CPU time (all threads, GC helpers included) is steadier than wall time on a loaded machine.
  const cpuSeconds = (used.user + used.system) / 1e6;
  const mbps = (seconds: number): number => Number((bytes.length / MB / seconds).toFixed(1));
  console.log(JSON.stringify({ path, round: r, mbps: mbps(s), cpuMbps: mbps(cpuSeconds), count: n }));
}
