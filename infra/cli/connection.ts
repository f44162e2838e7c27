import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';
import { localCredentials } from '#infra/local/credentials.ts';
import { repoRoot } from '#infra/local/stack.ts';

export interface Connection {
  readonly endpoint?: string;
  readonly local: boolean;
  sfn(): SFNClient;
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
