import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { connect, runningStacks } from '#infra/cli/connection.ts';
import { dim } from '#infra/cli/output.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import type { ConsoleStores } from '#functions/console/console-stores.ts';

/** The application's time: the local stack's simulated clock (`/_local/clock`), else the system clock. */
export function stackClock(endpoint: string | undefined): () => Promise<number> {
  if (!endpoint) return async () => Date.now();
  return async () => {
    const reply = (await (await fetch(`${endpoint}/_local/clock`)).json()) as { now: string };
    return Date.parse(reply.now);
  };
}

/**
 * Where `rcm console` keeps its execution index, saved views and audit: in a table of its own in the
 * local stack's DynamoDB Local when rcm knows that stack (the same code and layout as in AWS, kept across
 * restarts of the console), else in memory.
 */
async function consoleStoresFor(
  endpoint: string | undefined,
  now: () => Promise<number>,
): Promise<{ readonly stores?: ConsoleStores; readonly where: string }> {
  const dynamodb = endpoint ? runningStacks().find((s) => s.stepFunctions === endpoint)?.dynamodb : undefined;
  if (!dynamodb) return { where: 'in memory' };
  const [{ DynamoDBClient }, { ensureTable }, { dynamoConsoleStores }, { consoleTable }] = await Promise.all([
    import('@aws-sdk/client-dynamodb'),
    import('#infra/local/dynamodb.ts'),
    import('#functions/console/console-stores.ts'),
    import('#functions/console/console-table.ts'),
  ]);
  const client = new DynamoDBClient({ endpoint: dynamodb, region: 'us-east-1', credentials: localCredentials });
  await ensureTable(client, consoleTable.logicalName, consoleTable);
  return {
    stores: dynamoConsoleStores(client, consoleTable.logicalName, now),
    where: `in the local stack's table ${consoleTable.logicalName}`,
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
      // The console's server, its front end's build and the SDK load only when the console runs.
      const [{ LambdaClient }, { SFNClient }, { startConsoleServer }, { ensureWebBuilt }] = await Promise.all([
        import('@aws-sdk/client-lambda'),
        import('@aws-sdk/client-sfn'),
        import('#functions/console/server.ts'),
        import('#functions/console/web-build.ts'),
      ]);
      const config = connection.endpoint ? { endpoint: connection.endpoint, region: 'us-east-1', credentials: localCredentials } : {};
      await ensureWebBuilt(Boolean(options.rebuild));
      const now = stackClock(connection.endpoint);
      const { stores, where } = await consoleStoresFor(connection.endpoint, now);
      const server = await startConsoleServer({
        sfn: new SFNClient(config),
        lambda: new LambdaClient(config),
        now,
        ...(stores ? { stores } : {}),
        port: Number(options.port),
        idleMs: Number(options.idleMinutes) * 60_000,
      });
      // Listen for the signals before saying how to stop: a Ctrl-C right after the message stops it cleanly.
      const stopped = new Promise<void>((stop) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop());
      });
      console.log(
        `Ops console at ${server.url} (${await server.feed.index.count()} executions indexed; index, saved views and audit ${where})`,
      );
      if (connection.local) console.log(dim("Times are on the local stack's simulated clock. Ctrl-C stops the console."));
      await stopped;
      // At most 3 s for open connections to end; the bound's timer does not itself keep the process alive.
      await Promise.race([server.close(), sleep(3000, undefined, { ref: false })]);
    });
}
