import { spawn, type ChildProcess } from 'node:child_process';

const guarded = new Set<ChildProcess>();
let hooksInstalled = false;

function killAll(): void {
  for (const child of guarded) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  guarded.clear();
}

/**
 * Makes sure a child process (DynamoDB Local's JVM) never outlives this process: it is killed on
 * normal exit, on SIGINT/SIGTERM, and, through a small detached watchdog, even when this
 * process is killed with SIGKILL.
 */
export function guardChild(child: ChildProcess): void {
  guarded.add(child);
  child.once('exit', () => guarded.delete(child));
  if (child.pid !== undefined) {
    const watchdog = spawn(
      'sh',
      [
        '-c',
        `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${child.pid} 2>/dev/null; do sleep 1; done; kill -9 ${child.pid} 2>/dev/null`,
      ],
      { detached: true, stdio: 'ignore' },
    );
    watchdog.unref();
  }
  if (!hooksInstalled) {
    hooksInstalled = true;
    process.once('exit', killAll);
  }
}

/** Stops a guarded child and waits for it to exit. */
export async function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  guarded.delete(child);
}
