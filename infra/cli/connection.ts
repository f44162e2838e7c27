import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { localCredentials } from '#infra/local/credentials.ts';
import { repoRoot, runningStacksDir } from '#infra/local/paths.ts';

export interface Connection {
  readonly endpoint?: string;
  readonly local: boolean;
  /** A Step Functions client for the endpoint (the SDK loads on the first call, not with rcm). */
  sfn(): Promise<SFNClient>;
  /** Invokes one of the application's functions by its logical name and returns its answer; a function error is thrown with its type. */
  invoke<T>(functionName: string, payload: unknown): Promise<T>;
}

/** A function answered with an error (its type is the error catalog's name). */
export class FunctionError extends Error {
  readonly errorType: string;
  constructor(errorType: string, message: string) {
    super(`${errorType}: ${message}`);
    this.errorType = errorType;
    this.name = 'FunctionError';
  }
}

/** Where `rcm local` keeps its data by default. */
export const defaultDataDir = join(repoRoot, '.local', 'stack');

/** A local stack of this checkout that is running now. */
export interface RunningStack {
  readonly stepFunctions: string;
  /** The stack's S3 endpoint (stacks register every endpoint; older registrations may lack it). */
  readonly s3?: string;
  /** The stack's DynamoDB Local endpoint (older registrations may lack it). */
  readonly dynamodb?: string;
  readonly pid: number;
  readonly dataDir?: string;
  readonly startedAt?: string;
}

/** Every local stack of this checkout that is running, newest first (`rcm local`, `rcm demo --keep-running`, tests with a data dir). */
export function runningStacks(): RunningStack[] {
  const found: RunningStack[] = [];
  const dir = runningStacksDir();
  const files = existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];
  // Stacks started before stacks registered themselves wrote only their data dir's endpoints.json.
  files.push(join(defaultDataDir, 'endpoints.json'));
  for (const file of files) {
    if (!existsSync(file)) continue;
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as RunningStack;
      if (isAlive(saved.pid) && !found.some((s) => s.pid === saved.pid)) found.push(saved);
    } catch {
      // a file being written, or not ours: skip it
    }
  }
  return found.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
}

/** Whether an AWS region is configured for talking to AWS itself. */
const awsConfigured = (): boolean =>
  Boolean(process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || process.env.AWS_PROFILE) ||
  existsSync(join(homedir(), '.aws', 'config'));

/** Said when there is nothing to talk to. */
export const NO_STACK =
  'No local stack of this checkout is running. Start one with `npm run local` (or `npx rcm demo --keep-running`), ' +
  'give its endpoint with --endpoint or RCM_ENDPOINT, or point rcm at AWS by setting AWS_REGION (and credentials).';

/**
 * Finds the endpoint to talk to: `--endpoint`, then `RCM_ENDPOINT`, then a running local stack of this
 * checkout (the newest, saying so when several run), else AWS itself with the usual credential chain.
 */
export function connect(options: { endpoint?: string }): Connection {
  let endpoint = options.endpoint ?? process.env.RCM_ENDPOINT;
  if (!endpoint) {
    const stacks = runningStacks();
    if (stacks.length > 1) {
      console.error(
        `rcm: ${stacks.length} local stacks are running; using the newest (data in ${stacks[0]!.dataDir ?? '?'}). Others: ${stacks
          .slice(1)
          .map((s) => `${s.stepFunctions} (data in ${s.dataDir ?? '?'})`)
          .join(', ')}. Choose with --endpoint.`,
      );
    }
    endpoint = stacks[0]?.stepFunctions;
    if (!endpoint && !awsConfigured()) throw new Error(NO_STACK);
  }
  const local = Boolean(endpoint);
  return {
    ...(endpoint ? { endpoint } : {}),
    local,
    sfn: async () => {
      const { SFNClient } = await import('@aws-sdk/client-sfn');
      return new SFNClient(endpoint ? { endpoint, region: 'us-east-1', credentials: localCredentials } : {});
    },
    invoke: async <T>(functionName: string, payload: unknown): Promise<T> => {
      const { InvokeCommand, LambdaClient } = await import('@aws-sdk/client-lambda');
      const lambda = new LambdaClient(endpoint ? { endpoint, region: 'us-east-1', credentials: localCredentials } : {});
      try {
        const out = await lambda.send(
          new InvokeCommand({ FunctionName: functionName, Payload: new TextEncoder().encode(JSON.stringify(payload)) }),
        );
        const body = JSON.parse(new TextDecoder().decode(out.Payload ?? new Uint8Array())) as unknown;
        if (out.FunctionError) {
          const { errorType, errorMessage } = body as { errorType?: string; errorMessage?: string };
          throw new FunctionError(errorType ?? 'Error', errorMessage ?? 'the function failed');
        }
        return body as T;
      } finally {
        lambda.destroy();
      }
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
