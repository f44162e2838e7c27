/**
 * Seeding a book of submitted claims on the local stack (issue 16): each claim's patient, coverage, claim
 * (header, line, created event) and charge written one record at a time, as the application writes them
 * (one request or transaction each, 32 claims at a time), beside the same records as one bulk load
 * (store.bulk.load: BatchWriteItem, 25 puts a request, 8 requests in flight). Each run writes a fresh
 * table; the runs are interleaved (bulk, one by one, bulk) in the same process and the bulk figure is
 * the faster of its two; the machine's load is printed beside them.
 *
 * JSON lines: {"bench":"seeding","figure":"10k claims one by one s"|"10k claims bulk s"|"speed-up",...,"claims":n}.
 * BENCH_SEEDING_CLAIMS sets the number of claims (default 10,000).
 */
import { loadavg } from 'node:os';
import { eachBounded } from '#functions/platform/bounded.ts';
import { createStore, documentClient } from '#functions/store/index.ts';
import { patientAccountsTable } from '#functions/store/table-definition.ts';
import { ensureTable } from '#infra/local/dynamodb.ts';
import { startLocalStack } from '#infra/local/stack.ts';
import { putSubmittedClaim, putSubmittedClaims } from '#test/support/submitted-claim.ts';

function report(figure: string, value: number, unit: string, human: string, claims: number): void {
  console.log(human);
  console.log(JSON.stringify({ bench: 'seeding', figure, value: Number(value.toFixed(3)), unit, claims }));
}

/** Runs `work(i)` for i in [0, n), `inFlight` at a time. */
const pool = (n: number, inFlight: number, work: (i: number) => Promise<unknown>) =>
  eachBounded(
    Array.from({ length: n }, (_, i) => i),
    inFlight,
    work,
  );

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Seeds `claims` claims both ways into fresh tables and reports the seconds each took. */
export async function seedingBench(claims = Number(process.env.BENCH_SEEDING_CLAIMS ?? 10_000)): Promise<void> {
  process.env.LOG_LEVEL ??= 'SILENT';
  const stack = await startLocalStack({ sandboxPayer: false });
  try {
    const doc = documentClient(stack.dynamodb);
    let round = 0;
    const freshStore = async () => {
      const tableName = `${stack.tableName}-seed-${round++}`;
      await ensureTable(stack.dynamodb, tableName, patientAccountsTable);
      return createStore(doc, tableName);
    };
    const ns = Array.from({ length: claims }, (_, i) => `S${i}`);
    const timed = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      return (performance.now() - started) / 1000;
    };

    const bulk: number[] = [];
    let oneByOne = 0;
    for (const way of ['bulk', 'one by one', 'bulk'] as const) {
      const store = await freshStore();
      const seconds =
        way === 'bulk'
          ? await timed(() => putSubmittedClaims(store, ns))
          : await timed(() => pool(claims, 32, (i) => putSubmittedClaim(store, ns[i]!)));
      console.log(`seeding: ${claims} claims ${way} in ${seconds.toFixed(1)} s (load average ${load()})`);
      if (way === 'bulk') bulk.push(seconds);
      else oneByOne = seconds;
    }
    const best = Math.min(...bulk);
    report(
      '10k claims one by one s',
      oneByOne,
      's',
      `seeding: ${claims} claims one record at a time (32 claims in flight): ${oneByOne.toFixed(1)} s`,
      claims,
    );
    report('10k claims bulk s', best, 's', `seeding: ${claims} claims as one bulk load (BatchWriteItem): ${best.toFixed(1)} s`, claims);
    report('speed-up', oneByOne / best, 'x', `seeding: bulk is ${(oneByOne / best).toFixed(1)}x faster (load average ${load()})`, claims);
  } finally {
    await stack.stop();
  }
}
