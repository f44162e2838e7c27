import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { repoRoot } from '#infra/local/paths.ts';
import { fullHistory } from './executions.ts';
import { describeEndpoints, printPartUp, stopOnSignals } from './local.ts';
import { bold, dim, green, progress, red, status, table } from '#infra/cli/output.ts';
import { localCredentials } from '#infra/local/credentials.ts';

interface DemoOutcome {
  file: string;
  expected: string;
  status: string;
  kind?: string;
  executionArn: string;
  ok: boolean;
}

/** `rcm demo`: the main job on the embedded stack, end to end. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Run the demo on the embedded stack: payer files land in the inbox and the workflows process them')
    .option('--data-dir <dir>', 'where the demo keeps its data (wiped first)', join(repoRoot, '.local', 'demo'))
    .option('--keep-running', 'leave the stack running afterwards for inspection')
    .option('--json', 'print a JSON summary instead of tables')
    .option('--practice <claims>', "how many claims of the practice's everyday volume run beside the story", '200')
    .option('--verbose', "show the functions' structured logs")
    .action(async (options: { dataDir: string; keepRunning?: boolean; json?: boolean; verbose?: boolean; practice: string }) => {
      // The demo shows its own tables; the functions' JSON logs only with --verbose or an explicit LOG_LEVEL.
      // The stack, the SDK and the demo's story load after this, so the shared logger starts at that level
      // (Powertools restores its initial level on every invocation).
      if (!options.verbose) process.env.LOG_LEVEL ??= 'SILENT';
      const [
        { GetObjectCommand, PutObjectCommand },
        { DescribeExecutionCommand, ListExecutionsCommand, SFNClient },
        { demoFiles },
        { startLocalStack },
        { runClaimsStory },
      ] = await Promise.all([
        import('@aws-sdk/client-s3'),
        import('@aws-sdk/client-sfn'),
        import('#infra/local/demo/sample-files.ts'),
        import('#infra/local/stack.ts'),
        import('./demo-claims.ts'),
      ]);
      const say = (text = '') => !options.json && console.log(text);
      const started = Date.now();
      rmSync(options.dataDir, { recursive: true, force: true });
      say(bold('Patient accounts: local demo'));
      say(dim('Starting DynamoDB Local, S3, the Step Functions runtime and the Lambda functions...'));
      const stack = await startLocalStack({ dataDir: options.dataDir, ...(options.json ? {} : { onProgress: printPartUp }) });
      try {
        say(`Stack up in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
        say(describeEndpoints(stack));
        say();
        const sfn = new SFNClient({ endpoint: stack.endpoints.stepFunctions, region: stack.region, credentials: localCredentials });

        say(bold(`1. ${demoFiles.length} payer files land in s3://${stack.bucketNames.Inbox}/inbound/`));
        for (const file of demoFiles) {
          await stack.s3.send(new PutObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: file.key, Body: file.body }));
          say(`   ${file.key}  ${dim(file.description)}`);
        }

        say(bold('\n2. Each file starts the PayerFileIntake workflow (S3 → EventBridge → Step Functions)'));
        const bar = options.json ? null : progress('   executions finished', demoFiles.length);
        const stateMachineArn = stack.stateMachineArns.PayerFileIntake!;
        let finished: { executionArn?: string; status?: string }[] = [];
        for (let round = 0; round < 300; round++) {
          await stack.settle();
          const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
          finished = (page.executions ?? []).filter((e) => e.status !== 'RUNNING');
          bar?.update(finished.length);
          if (finished.length >= demoFiles.length) break;
          await stack.advanceClock(60_000);
        }
        bar?.end();

        const outcomes: DemoOutcome[] = [];
        for (const execution of finished) {
          const described = await sfn.send(new DescribeExecutionCommand({ executionArn: execution.executionArn }));
          const key = (JSON.parse(described.input!) as { detail: { object: { key: string } } }).detail.object.key;
          const file = demoFiles.find((f) => f.key === key);
          const output = described.output ? (JSON.parse(described.output) as { kind?: string }) : {};
          const actual =
            described.status === 'SUCCEEDED'
              ? 'accepted'
              : described.error === 'InboundFile.Unrecognized'
                ? 'quarantined'
                : described.status!;
          outcomes.push({
            file: key,
            expected: file?.expect ?? '?',
            status: described.status!,
            ...(output.kind ? { kind: output.kind } : {}),
            executionArn: described.executionArn!,
            ok: actual === file?.expect,
          });
        }
        outcomes.sort((a, b) => a.file.localeCompare(b.file));
        say(
          table(
            ['FILE', 'KIND', 'STATUS', 'OUTCOME'],
            outcomes.map((o) => [o.file, o.kind ?? '-', status(o.status), o.ok ? green(o.expected) : red(`expected ${o.expected}`)]),
          ),
        );

        const quarantined = outcomes.find((o) => o.expected === 'quarantined');
        if (quarantined) {
          const reportKey = quarantined.file.replace(/^inbound\//, 'quarantine/') + '.report.json';
          const report = JSON.parse(
            await (
              await stack.s3.send(new GetObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: reportKey }))
            ).Body!.transformToString(),
          ) as { problem: { reason: string; byteOffset: number } };
          say(bold('\n3. The unusable file was quarantined with a report for ops'));
          say(`   s3://${stack.bucketNames.Inbox}/${reportKey}`);
          say(`   reason: ${report.problem.reason}, at byte ${report.problem.byteOffset}`);
          const events = await fullHistory(sfn, quarantined.executionArn);
          say(bold('\n4. Its execution history, as `rcm executions history` shows it'));
          say(dim(`   ${events.map((e) => e.type).join(' → ')}`));
        }

        const practice = Number(options.practice);
        if (!Number.isInteger(practice) || practice < 0 || practice > 5_000)
          throw new Error('--practice takes a whole number of claims from 0 to 5000');
        const claimsStory = await runClaimsStory(stack, say, practice);
        const ok = outcomes.length === demoFiles.length && outcomes.every((o) => o.ok) && claimsStory.ok;
        if (options.json)
          console.log(
            JSON.stringify({
              ok,
              // Each claim: its status, its lifecycle's end and the state names it went through.
              claims: claimsStory.claims.map(({ claimStatus, ...claim }) => ({ ...claim, status: claimStatus })),
              queues: claimsStory.queues,
              manager: claimsStory.manager,
              eligibility: claimsStory.eligibility,
              payerFiles: claimsStory.payerFiles,
              files: outcomes,
              endpoints: stack.endpoints,
              dataDir: options.dataDir,
            }),
          );
        say();
        say(ok ? green('Demo finished: every file and claim ended as expected.') : red('Demo finished with unexpected outcomes.'));
        say(dim(`Data kept in ${options.dataDir}. Run \`npm run local\` to explore a stack, or \`rcm demo --keep-running\`.`));
        if (!ok) process.exitCode = 1;
        if (options.keepRunning) {
          say('\nStack still running; Ctrl-C stops it.');
          await stopOnSignals(stack);
          return;
        }
      } finally {
        if (!options.keepRunning) await stack.stop();
      }
    });
}
