import { setTimeout as sleep } from 'node:timers/promises';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { Command } from 'commander';
import { connect } from '#infra/cli/connection.ts';
import { dim } from '#infra/cli/output.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import { startConsoleServer } from '#functions/console/server.ts';
import { ensureWebBuilt } from '#functions/console/web-build.ts';

/** The application's time: the local stack's simulated clock (`/_local/clock`), else the system clock. */
export function stackClock(endpoint: string | undefined): () => Promise<number> {
  if (!endpoint) return async () => Date.now();
  return async () => {
    const reply = (await (await fetch(`${endpoint}/_local/clock`)).json()) as { now: string };
    return Date.parse(reply.now);
  };
}

/** `rcm console`: the ops console in the browser, against the running local stack (or AWS). */
export function registerConsoleCommand(program: Command): void {
  program
    .command('console')
    .description('Serve the ops console (executions, work queues) on localhost against the running local stack')
    .option('--port <n>', 'port to listen on', '8484')
    .option('--idle-minutes <n>', 'log a user off after this many minutes without activity', '15')
    .option('--rebuild', 'build the front end again even if it is built')
    .option('--endpoint <url>', 'the local stack or another endpoint (default: the running rcm local)')
    .action(async (options: { port: string; idleMinutes: string; rebuild?: boolean; endpoint?: string }) => {
      const connection = connect(options);
      const config = connection.endpoint ? { endpoint: connection.endpoint, region: 'us-east-1', credentials: localCredentials } : {};
      await ensureWebBuilt(Boolean(options.rebuild));
      const server = await startConsoleServer({
        sfn: new SFNClient(config),
        lambda: new LambdaClient(config),
        now: stackClock(connection.endpoint),
        port: Number(options.port),
        idleMs: Number(options.idleMinutes) * 60_000,
      });
      // Listen for the signals before saying how to stop: a Ctrl-C right after the message stops it cleanly.
      const stopped = new Promise<void>((stop) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop());
      });
      console.log(`Ops console at ${server.url} (${await server.feed.index.count()} executions indexed)`);
      if (connection.local) console.log(dim("Times are on the local stack's simulated clock. Ctrl-C stops the console."));
      await stopped;
      // At most 3 s for open connections to end; the bound's timer does not itself keep the process alive.
      await Promise.race([server.close(), sleep(3000, undefined, { ref: false })]);
    });
}
