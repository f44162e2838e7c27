/**
 * Where rcm finds this checkout, without loading the local stack: `rcm --help`, `rcm --version` and
 * `rcm x12 ...` need these paths, not DynamoDB Local, s3rver and the AWS SDK that
 * `#infra/local/stack.ts` brings in (it re-exports the two paths from here).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root directory. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..'); // this file lives in infra/local

/** Where each running local stack of this checkout registers its endpoints; `RCM_STACKS_DIR` moves it (tests). */
export const runningStacksDir = (): string => process.env.RCM_STACKS_DIR ?? join(repoRoot, '.local', 'running');

/** The project's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/** A local bucket's physical name (the local stack's resolver names them so; `rcm report` reads one without the stack). */
export const localBucketName = (name: string): string => `rcm-${name.toLowerCase()}`;
