/**
 * The segment scanner against its reference (the scanner before the fused byte pass,
 * test/x12/reference-tokenizer.ts), interleaved in one process on the ordinary 835 of
 * test/bench/typed835.ts, fed in 64 KiB chunks as the streaming readers do. Prints CPU-time and wall
 * MB/s per round and the medians of the rounds after the first of each side. Usage:
 * `node --import tsx test/bench/scanner-ab.ts [MB] [rounds] [ascii|accented]`; `accented` gives one
 * patient name in about every 32 KiB an accented first letter (two UTF-8 bytes), so that nearly every
 * 64 KiB chunk holds non-ASCII bytes. `SCANNER_MODULES=<path>,<path>` adds sides from other modules
 * exporting `SegmentScanner` (experiments beside the real one).
 */
import { SegmentScanner } from '#functions/x12/tokenizer.ts';
import { SegmentScanner as ReferenceScanner } from '#test/x12/reference-tokenizer.ts';
import { buildOrdinary835, countSegments } from './corpus835.ts';
import type { ChunkScanner as Scanner } from './corpus835.ts';

const MB = 1024 * 1024;
const ordinary = buildOrdinary835(Number(process.argv[2] ?? 50) * MB).bytes;
const rounds = Number(process.argv[3] ?? 6);
const bytes = process.argv[4] === 'accented' ? accented(ordinary) : ordinary;

/** The input with an 'É' before the last name of the next NM1*QC after every 32 KiB. */
function accented(input: Buffer): Buffer {
  const parts: Buffer[] = [];
  let prev = 0;
  for (let at = 32 * 1024; at < input.length; at += 32 * 1024) {
    const name = input.indexOf('NM1*QC*1*', at);
    if (name < 0) break;
    at = name + 'NM1*QC*1*'.length;
    parts.push(input.subarray(prev, at), Buffer.from('É', 'utf8'));
    prev = at;
  }
  parts.push(input.subarray(prev));
  return Buffer.concat(parts);
}
const sides: Record<string, () => Scanner> = {
  reference: () => new ReferenceScanner(),
  scanner: () => new SegmentScanner(),
};
for (const path of (process.env.SCANNER_MODULES ?? '').split(',').filter(Boolean)) {
  const module = (await import(new URL(path, `file://${process.cwd()}/`).href)) as { SegmentScanner: new () => Scanner };
  sides[path] = () => new module.SegmentScanner();
}

const names = Object.keys(sides);
const results = Object.fromEntries(names.map((n) => [n, { cpu: [] as number[], wall: [] as number[] }]));
const mbps = (seconds: number): number => Number((bytes.length / MB / seconds).toFixed(1));
for (let r = 0; r < rounds; r++) {
  // Rotate the order, so that no side always runs right after the same other side's garbage.
  const order = names.map((_, k) => names[(k + r) % names.length] as string);
  for (const side of order) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const count = countSegments((sides[side] as () => Scanner)(), bytes);
    const wall = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    const line = { side, round: r, mbps: mbps(wall), cpuMbps: mbps((used.user + used.system) / 1e6), count };
    console.log(JSON.stringify(line));
    if (r > 0) {
      results[side]?.cpu.push(line.cpuMbps);
      results[side]?.wall.push(line.mbps);
    }
  }
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[s.length >> 1] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
for (const [side, r] of Object.entries(results))
  console.log(JSON.stringify({ side, medianCpuMbps: median(r.cpu), medianMbps: median(r.wall) }));
