/** The `rcm` command line as a test runs it: its own stack registry and home, so other tests' stacks and a developer's AWS config do not count. */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A fresh stack registry (`RCM_STACKS_DIR`) and home, the environment that uses them (no AWS region,
 * profile or endpoint), and `rcm(...args)`, which runs `bin/rcm.js` in it.
 */
export function isolatedRcm(timeoutMs: number) {
  const stacksDir = mkdtempSync(join(tmpdir(), 'rcm-stacks-'));
  const home = mkdtempSync(join(tmpdir(), 'rcm-home-'));
  const env = (): NodeJS.ProcessEnv => {
    const e: NodeJS.ProcessEnv = { ...process.env, RCM_STACKS_DIR: stacksDir, HOME: home };
    for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'RCM_ENDPOINT']) delete e[name];
    return e;
  };
  const rcm = (...args: string[]) => run('node', ['bin/rcm.js', ...args], { env: env(), timeout: timeoutMs });
  return { stacksDir, home, env, rcm };
}
