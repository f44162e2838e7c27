import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts DynamoDB Local in another process; `pid` is that process itself (tsx runs it as a child of its own). */
async function startHolder(): Promise<{ holder: ReturnType<typeof spawn>; javaPid: number; pid: number }> {
  const holder = spawn('node_modules/.bin/tsx', ['test/fixtures/local-stack/start-dynamodb.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: holder.stdout! });
  for await (const line of lines) {
    if (line.startsWith('{')) return { holder, ...(JSON.parse(line) as { javaPid: number; pid: number }) };
  }
  throw new Error('the holder process ended before DynamoDB Local started');
}

async function waitUntilGone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return !alive(pid);
}

describe('DynamoDB Local never outlives the process that started it', () => {
  it('is stopped when its parent is interrupted (Ctrl-C)', async () => {
    const { holder, javaPid, pid } = await startHolder();
    try {
      expect(alive(javaPid)).toBe(true);
      holder.kill('SIGINT');
      expect(await waitUntilGone(javaPid, 10_000)).toBe(true);
    } finally {
      for (const stray of [pid, javaPid]) if (alive(stray)) process.kill(stray, 'SIGKILL');
    }
  });

  it('is stopped even when its parent is killed outright', async () => {
    const { javaPid, pid } = await startHolder();
    try {
      expect(alive(javaPid)).toBe(true);
      process.kill(pid, 'SIGKILL');
      expect(await waitUntilGone(javaPid, 10_000)).toBe(true);
    } finally {
      if (alive(javaPid)) process.kill(javaPid, 'SIGKILL');
    }
  });
});
