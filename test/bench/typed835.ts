/**
 * Profiling aid (not part of `npm run bench`): reads the ordinary 835 (whole public interchanges
 * concatenated) through one path, several times, and prints MB/s per round. Usage:
 * `node --cpu-prof --import tsx test/bench/typed835.ts [typed|tokenizer|claims] [MB] [rounds]`.
 */
import { parseX12Transactions } from '#functions/x12/parse.ts';
import { readRemittanceClaims } from '#functions/x12/remittance-stream.ts';
import { SegmentScanner } from '#functions/x12/tokenizer.ts';
import type { Segment } from '#functions/x12/tokenizer.ts';
import { buildOrdinary835 } from './corpus835.ts';

const MB = 1024 * 1024;
const path = process.argv[2] ?? 'typed';
const { bytes } = buildOrdinary835(Number(process.argv[3] ?? 50) * MB);
const rounds = Number(process.argv[4] ?? 3);
const runs: Record<string, () => number> = {
  typed: () => {
    let n = 0;
    for (const t of parseX12Transactions(bytes, { profile: 'tolerant' })) n += t.balance?.claimCount ?? 0;
    return n;
  },
  tokenizer: () => {
    const scanner = new SegmentScanner();
    const out: Segment[] = [];
    let n = 0;
    for (let i = 0; i < bytes.length; i += 64 * 1024) {
      scanner.push(bytes.subarray(i, i + 64 * 1024), out);
      n += out.length;
      out.length = 0;
    }
    scanner.end(out);
    return n + out.length;
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
