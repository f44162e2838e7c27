import { rmSync } from 'node:fs';
import type { Command } from 'commander';
import { localCredentials } from '#infra/local/credentials.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import type { PartUp } from '#infra/local/startup.ts';
import { connect, defaultDataDir, NO_STACK } from '#infra/cli/connection.ts';
import { bold, dim } from '#infra/cli/output.ts';

/** Stops the stack (and DynamoDB Local's JVM) on Ctrl-C or SIGTERM. */
export function stopOnSignals(stack: LocalStack): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      console.error('\nStopping the local stack...');
      void stack.stop().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Prints each part of the stack as it comes up: when (since start-up began) and how long it took. On
 * stderr, so that stdout keeps only the endpoints (or the JSON of `--json`).
 */
export function printPartUp(event: PartUp): void {
  console.error(dim(`  ${seconds(event.atMs).padStart(7)}  ${event.label} (${seconds(event.tookMs)})`));
}

/** The line after the parts: the stack's own start-up, and since this process started (node, modules). */
export function startupSummary(stack: LocalStack): string {
  const last = stack.startup.at(-1);
  return `Local stack up in ${seconds(last?.atMs ?? 0)} (${seconds(performance.now())} since rcm started).`;
}

/** How to point tools at the stack. */
export function describeEndpoints(stack: LocalStack): string {
  const e = stack.endpoints;
  return [
    `${bold('Step Functions + Lambda')}  ${e.stepFunctions}`,
    `${bold('DynamoDB')}                 ${e.dynamodb}   table ${stack.tableName}`,
    `${bold('S3')}                       ${e.s3}   buckets ${Object.values(stack.bucketNames).join(', ')}`,
    ...(stack.payer
      ? [
          `${bold('Payer')}                    sandbox payer (PAYER_GATEWAY=sandbox): answers at once, files into s3://${stack.bucketNames.Inbox}/inbound/<payer>/ on the simulated clock`,
        ]
      : []),
    '',
    dim('Point the AWS CLI or an SDK client at it:'),
    dim(
      `  export AWS_ACCESS_KEY_ID=${localCredentials.accessKeyId} AWS_SECRET_ACCESS_KEY=${localCredentials.secretAccessKey} AWS_REGION=${stack.region}`,
    ),
    dim(`  aws stepfunctions list-state-machines --endpoint-url ${e.stepFunctions}`),
    dim(`  aws s3 cp remit.835 s3://${stack.bucketNames.Inbox ?? 'rcm-inbox'}/inbound/remit.835 --endpoint-url ${e.s3}`),
    dim(`  aws dynamodb scan --table-name ${stack.tableName} --endpoint-url ${e.dynamodb}`),
  ].join('\n');
}

async function localRequest(path: string, init?: RequestInit): Promise<unknown> {
  const connection = connect({});
  if (!connection.local || !connection.endpoint) throw new Error(NO_STACK);
  const response = await fetch(`${connection.endpoint}${path}`, init);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** `rcm local`, `rcm clock` and `rcm tasks`. */
export function registerLocalCommands(program: Command): void {
  program
    .command('local')
    .description('Start the embedded stack and keep it running for manual use (Ctrl-C stops it)')
    .option('--data-dir <dir>', 'where DynamoDB and S3 keep their data', defaultDataDir)
    .option('--fresh', 'delete the data directory first')
    .option('--port <port>', 'port of the Step Functions + Lambda endpoint (default: a free one)')
    .option('--json', 'print the endpoints as JSON')
    .action(async (options: { dataDir: string; fresh?: boolean; port?: string; json?: boolean }) => {
      if (options.fresh) rmSync(options.dataDir, { recursive: true, force: true });
      // Loaded before saying how long rcm took to load, as when every command loaded it up front.
      const { startLocalStack } = await import('#infra/local/stack.ts');
      console.error(dim(`Starting the local stack (rcm loaded in ${seconds(performance.now())}):`));
      const stack = await startLocalStack({
        dataDir: options.dataDir,
        ...(options.port ? { apiPort: Number(options.port) } : {}),
        onProgress: printPartUp,
      });
      console.error(dim(startupSummary(stack)));
      if (options.json)
        console.log(
          JSON.stringify({
            ...stack.endpoints,
            region: stack.region,
            tableName: stack.tableName,
            buckets: stack.bucketNames,
            stateMachines: stack.stateMachineArns,
          }),
        );
      else {
        console.log(`Local stack running (data in ${options.dataDir}). Ctrl-C stops it.\n`);
        console.log(describeEndpoints(stack));
      }
      await stopOnSignals(stack);
    });

  const clock = program.command('clock').description("The local stack's simulated clock");
  clock
    .command('now')
    .description("Print the local stack's time (its simulated clock, not the wall clock)")
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { now } = (await localRequest('/_local/clock')) as { now: string };
      console.log(
        options.json
          ? JSON.stringify({ now, clock: 'simulated' })
          : `${now} (the local stack's simulated clock; rcm clock advance moves it)`,
      );
    });
  clock
    .command('advance <duration>')
    .description('Move local time forward (e.g. 90s, 12h, 7d); waits and timeouts fire in order')
    .action(async (duration: string) => {
      const { parseDuration } = await import('#infra/local/clock.ts');
      const result = (await localRequest('/_local/clock/advance', {
        method: 'POST',
        body: JSON.stringify({ ms: parseDuration(duration) }),
      })) as {
        now?: string;
      };
      console.log(result.now ? `Simulated clock now ${result.now}.` : JSON.stringify(result));
    });

  program
    .command('tasks')
    .description('Tasks of the local stack waiting for a callback (approvals, acknowledgements)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { tasks } = (await localRequest('/_local/tasks')) as { tasks: { executionArn: string; stateName: string; token: string }[] };
      if (options.json) console.log(JSON.stringify(tasks));
      else if (tasks.length === 0) console.log('No task is waiting.');
      else for (const t of tasks) console.log(`${t.stateName}  ${t.executionArn}\n  token ${t.token}`);
    });
}
