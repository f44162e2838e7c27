/**
 * Child process of the benchmark: streams an 835 file (written by the benchmark) through the
 * per-claim reader (`claims`: header, each claim, trailer with balancing) or the per-transaction-set
 * reader (`sets`: one typed model per ST..SE), drops what it reads, and prints one JSON line with the
 * peak RSS. Usage: stream-memory.js <file> <claims|sets>
 */
import { createReadStream, readFileSync } from 'node:fs';
import { parseX12Stream } from '#functions/x12/parse.ts';
import { streamRemittanceClaims } from '#functions/x12/remittance-stream.ts';

const file = process.argv[2] as string;
const reader = process.argv[3] ?? 'claims';

// Node and the loaded modules, before a byte is read: the part of the peak the reader cannot change.
const baselineRssMb = process.memoryUsage().rss / 1048576;

let bytes = 0;
// Where the peak goes: V8's heap (young + old generation) and array buffers (source chunks, the
// scanner's element bounds), sampled every 4 MB of input.
let peakHeapMb = 0;
let peakArrayBuffersMb = 0;
let nextSample = 0;
/** The file in chunks of 64 KiB (fs.createReadStream's default), as a service reads an S3 body. */
async function* source(): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes >= nextSample) {
      nextSample += 4 * 1048576;
      const m = process.memoryUsage();
      peakHeapMb = Math.max(peakHeapMb, m.heapTotal / 1048576);
      peakArrayBuffersMb = Math.max(peakArrayBuffersMb, m.arrayBuffers / 1048576);
    }
    yield chunk;
  }
}

const started = performance.now();
let claims = 0;
let unbalanced = 0;
let sets = 0;
let errors = 0;
if (reader === 'sets') {
  for await (const t of parseX12Stream(source())) {
    sets++;
    claims += t.balance?.claimCount ?? 0;
    if (!t.balance?.balanced) unbalanced++;
  }
} else {
  for await (const e of streamRemittanceClaims(source())) {
    if (e.type === 'claim') {
      claims++;
      if (e.balance.length) unbalanced++;
    } else if (e.type === 'trailer') {
      sets++;
      errors += e.errorCount;
      if (e.balance.findings.length) unbalanced++;
    }
  }
}
const seconds = (performance.now() - started) / 1000;
/**
 * Peak RSS of this process. Linux's getrusage maxRSS carries over the parent's RSS at fork time (the
 * benchmark parent is large by then), so the kernel's high-water mark of this process's own memory
 * (VmHWM) is read instead where there is one.
 */
function peakRss(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'latin1'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}
const peakRssMb = peakRss();
// With --expose-gc, also report the live heap: constant whatever the file size if nothing leaks.
(globalThis as { gc?: () => void }).gc?.();
const liveHeapMb = process.memoryUsage().heapUsed / 1048576;
console.log(
  JSON.stringify({
    reader,
    bytes,
    sets,
    claims,
    unbalanced,
    errors,
    seconds,
    peakRssMb,
    liveHeapMb,
    baselineRssMb,
    peakHeapMb,
    peakArrayBuffersMb,
  }),
);
