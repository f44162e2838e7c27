import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The DynamoDB Local JVMs whose data lives under `dir` (their command line names it). */
function jvmsFor(dir: string): number {
  try {
    return execFileSync('pgrep', ['-f', `DynamoDBLocal.*${dir}`], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean).length;
  } catch {
    return 0; // pgrep exits 1 when nothing matches
  }
}

describe('npm run local stops on the signals an ops engineer sends', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s to npm stops the stack, npm exits by itself, and no JVM is left',
    async (signal) => {
      const dataDir = mkdtempSync(join(tmpdir(), `rcm-signal-${signal}-`));
      const child = spawn('npm', ['run', 'local', '--', '--data-dir', dataDir], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, RCM_STACKS_DIR: dataDir },
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('Local stack running')) resolve();
        });
        child.on('exit', () => reject(new Error(`npm run local ended before the stack was up: ${out}`)));
      });
      expect(jvmsFor(dataDir)).toBe(1);
      child.kill(signal);
      // A bound for a loaded machine, not a speed assertion: before the fix npm never exited.
      const code = await Promise.race([
        exited,
        new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 45_000)),
      ]);
      expect(code).not.toBe('still running');
      expect(jvmsFor(dataDir)).toBe(0);
    },
    120_000,
  );
});
