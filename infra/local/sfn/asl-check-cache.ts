import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const validatorVersion = (createRequire(import.meta.url)('asl-validator/package.json') as { version: string }).version;

/** Where passes are remembered: `RCM_CACHE_DIR`, or `.local/cache/` of this checkout (ignored by git). */
const cacheDir = (): string =>
  join(process.env.RCM_CACHE_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../.local/cache'), 'asl-validator');

const keyOf = (definition: unknown, options: unknown): string =>
  createHash('sha256').update(JSON.stringify({ validatorVersion, options, definition })).digest('hex');

/**
 * Remembers which workflow definitions asl-validator passed, so that the local stack checks an unchanged
 * file once rather than at every start: asl-validator compiles its JSON schemas again on every call, half a
 * second of CPU and more per file, which made the check the largest part of a start after DynamoDB Local's
 * JVM. Keyed by the definition, the options and the validator's version. Only passes are remembered: a
 * failing file is checked again each time, so its errors are always current.
 */
export const aslPasses = {
  /** Whether this definition passed before, with these options and this validator version. */
  known(definition: unknown, options: unknown): boolean {
    return existsSync(join(cacheDir(), keyOf(definition, options)));
  },
  /** Remembers a pass; a cache that cannot be written (a read-only checkout) only costs the next check. */
  remember(definition: unknown, options: unknown): void {
    try {
      mkdirSync(cacheDir(), { recursive: true });
      writeFileSync(join(cacheDir(), keyOf(definition, options)), '');
    } catch {
      // Not remembered: the next start checks again.
    }
  },
};
