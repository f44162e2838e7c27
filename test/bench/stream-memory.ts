/**
 * Child process of the benchmark: streams a generated 835 of the requested size through the parser
 * (typed model and balancing per transaction set, then dropped) and prints one JSON line with the peak RSS.
 */
import { parseX12Stream } from '../../functions/x12/parse.ts';
import { generate835 } from './corpus835.ts';

const target = Number(process.argv[2] ?? 500_000_000);

async function* source(): AsyncGenerator<Uint8Array> {
  for (const chunk of generate835(target)) yield Buffer.from(chunk, 'latin1');
}

const started = performance.now();
let bytes = 0;
let claims = 0;
let unbalanced = 0;
let sets = 0;
async function* counted(): AsyncGenerator<Uint8Array> {
  for await (const c of source()) {
    bytes += c.length;
    yield c;
  }
}
for await (const t of parseX12Stream(counted())) {
  sets++;
  claims += t.balance?.claimCount ?? 0;
  if (!t.balance?.balanced) unbalanced++;
}
const seconds = (performance.now() - started) / 1000;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
// With --expose-gc, also report the live heap: constant whatever the file size if nothing leaks.
(globalThis as { gc?: () => void }).gc?.();
const liveHeapMb = process.memoryUsage().heapUsed / 1048576;
console.log(JSON.stringify({ bytes, sets, claims, unbalanced, seconds, peakRssMb, liveHeapMb }));
