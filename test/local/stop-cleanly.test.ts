import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

/** Runs a fixture script in its own Node process (tsx as a loader, so the pid is the script's own). */
function runFixture(script: string) {
  return spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Resolves with the exit code, or null when the process is still running after `withinMs`. */
async function exitCode(child: ReturnType<typeof spawn>, withinMs: number): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const timer = new Promise<null>((resolve) => setTimeout(() => resolve(null), withinMs).unref());
  return Promise.race([once(child, 'exit').then(([code]) => code as number | null), timer]);
}

describe('stopping the local stack', () => {
  it('ends an execution waiting between retries, so the process can exit', async () => {
    const child = runFixture('test/fixtures/local-stack/stop-during-retry.ts');
    try {
      let report: { waiting?: string; afterStop?: string } = {};
      for await (const line of createInterface({ input: child.stdout! })) {
        if (!line.startsWith('{')) continue;
        report = JSON.parse(line) as typeof report;
        break;
      }
      expect(report).toEqual({ waiting: 'RUNNING', afterStop: 'ABORTED' });
      expect(await exitCode(child, 15_000)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
