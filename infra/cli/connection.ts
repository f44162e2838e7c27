import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { localCredentials } from '#infra/local/credentials.ts';
import { repoRoot } from '#infra/local/stack.ts';

export interface Connection {
  readonly endpoint?: string;
  readonly local: boolean;
  sfn(): SFNClient;
  /** Invokes one of the application's functions by its logical name and returns its answer; a function error is thrown with its type. */
  invoke<T>(functionName: string, payload: unknown): Promise<T>;
}

/** A function answered with an error (its type is the error catalog's name). */
export class FunctionError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(`${errorType}: ${message}`);
    this.name = 'FunctionError';
  }
}

/** Where `rcm local` writes its endpoints for the other commands to find. */
export const defaultDataDir = join(repoRoot, '.local', 'stack');

/**
 * Finds the Step Functions endpoint to talk to: `--endpoint`, then `RCM_ENDPOINT`, then a running
 * `rcm local` (its endpoints.json), else AWS itself with the usual credential chain.
 */
export function connect(options: { endpoint?: string }): Connection {
  let endpoint = options.endpoint ?? process.env.RCM_ENDPOINT;
  if (!endpoint) {
    const file = join(defaultDataDir, 'endpoints.json');
    if (existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { stepFunctions: string; pid: number };
      if (isAlive(saved.pid)) endpoint = saved.stepFunctions;
    }
  }
  const local = Boolean(endpoint);
  return {
    ...(endpoint ? { endpoint } : {}),
    local,
    sfn: () => new SFNClient(endpoint ? { endpoint, region: 'us-east-1', credentials: localCredentials } : {}),
    invoke: async <T>(functionName: string, payload: unknown): Promise<T> => {
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
