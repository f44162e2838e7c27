import type { ExecutionListItem, ExecutionStatus, HistoryEvent, SFNClient } from '@aws-sdk/client-sfn';
import type { Command } from 'commander';
import { connect } from '#infra/cli/connection.ts';
import { dim, formatDate, red, status, table } from '#infra/cli/output.ts';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

/** The Step Functions commands, loaded when a command talks to Step Functions (not with rcm). */
const sfnApi = () => import('@aws-sdk/client-sfn');

async function stateMachineArns(sfn: SFNClient, nameOrArn?: string): Promise<string[]> {
  const { ListStateMachinesCommand } = await sfnApi();
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new ListStateMachinesCommand({ nextToken }));
    for (const machine of page.stateMachines ?? []) {
      if (!nameOrArn || machine.name === nameOrArn || machine.stateMachineArn === nameOrArn) arns.push(machine.stateMachineArn!);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  if (nameOrArn && arns.length === 0) throw new Error(`No state machine named ${nameOrArn}`);
  return arns;
}

/** Every event of an execution's history, following pages. */
export async function fullHistory(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const { GetExecutionHistoryCommand } = await sfnApi();
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000, includeExecutionData: false }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** Text cut at a word boundary with an ellipsis, never mid-word. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** What the times mean: the local stack's are on its simulated clock, which `rcm clock advance` moves. */
const timeHeader = (local: boolean): string => (local ? 'TIME (simulated clock)' : 'TIME (UTC)');

/** What an ops engineer reads from one event: the state's name and the error, never the data. */
export function eventSummary(event: HistoryEvent, wide = false): { state: string; detail: string } {
  const details = Object.entries(event).find(([key]) => key.endsWith('EventDetails'))?.[1] as
    { name?: string; error?: string; cause?: string; resource?: string; resourceType?: string } | undefined;
  const detail = details?.error
    ? `${details.error}${details.cause ? `: ${wide ? details.cause : shorten(details.cause, 120)}` : ''}`
    : details?.resourceType
      ? `${details.resourceType}:${details.resource}`
      : (details?.resource ?? '');
  return { state: details?.name ?? '', detail };
}

/** One Map Run of an execution: its state's name, status and item counts (never its data). */
interface MapRunProgress {
  readonly state: string;
  readonly mapRunArn: string;
  readonly status: string;
  readonly itemCounts: { readonly total: number; readonly succeeded: number; readonly failed: number; readonly running: number };
}

/** The Map Runs an execution started, with their item counts (none for a workflow without a Distributed Map). */
async function mapRunsOf(sfn: SFNClient, executionArn: string): Promise<MapRunProgress[]> {
  const { DescribeMapRunCommand, ListMapRunsCommand } = await sfnApi();
  const out: MapRunProgress[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new ListMapRunsCommand({ executionArn, nextToken }));
    for (const item of page.mapRuns ?? []) {
      const run = await sfn.send(new DescribeMapRunCommand({ mapRunArn: item.mapRunArn }));
      const c = run.itemCounts;
      out.push({
        state: item.mapRunArn!.split(':mapRun:')[1]?.split(':')[0]?.split('/')[1] ?? 'Map',
        mapRunArn: item.mapRunArn!,
        status: String(run.status),
        itemCounts: { total: c?.total ?? 0, succeeded: c?.succeeded ?? 0, failed: c?.failed ?? 0, running: c?.running ?? 0 },
      });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

/** `rcm executions list|describe|history`: what ops engineers look at, on the local stack or on AWS. */
export function registerExecutionCommands(program: Command): void {
  const executions = program.command('executions').description('Workflow executions: list, describe, history');

  executions
    .command('list')
    .description('List executions, newest first')
    .option('--state-machine <name>', 'only this state machine (name or ARN)')
    .option('--status <status>', `only this status (${STATUSES.join(', ')})`)
    .option('--limit <n>', 'at most this many per state machine', '50')
    .option('--endpoint <url>', 'Step Functions endpoint (default: the running local stack, else AWS)')
    .option('--json', 'one JSON object per line')
    .action(async (options: { stateMachine?: string; status?: string; limit: string; endpoint?: string; json?: boolean }) => {
      if (options.status && !STATUSES.includes(options.status)) throw new Error(`--status must be one of ${STATUSES.join(', ')}`);
      const connection = connect(options);
      const sfn = await connection.sfn();
      const { ListExecutionsCommand } = await sfnApi();
      const rows: ExecutionListItem[] = [];
      for (const arn of await stateMachineArns(sfn, options.stateMachine)) {
        const page = await sfn.send(
          new ListExecutionsCommand({
            stateMachineArn: arn,
            maxResults: Number(options.limit),
            ...(options.status ? { statusFilter: options.status as ExecutionStatus } : {}),
          }),
        );
        rows.push(...(page.executions ?? []));
      }
      rows.sort((a, b) => (b.startDate?.getTime() ?? 0) - (a.startDate?.getTime() ?? 0));
      if (options.json) {
        for (const row of rows) console.log(JSON.stringify(row));
        return;
      }
      if (rows.length === 0) {
        console.log('No executions.');
        return;
      }
      if (connection.local) console.log(dim("Times are on the local stack's simulated clock."));
      console.log(
        table(
          ['STATE MACHINE', 'EXECUTION', 'STATUS', 'STARTED', 'STOPPED'],
          rows.map((e) => [
            e.stateMachineArn!.split(':').pop()!,
            e.name!,
            status(e.status),
            formatDate(e.startDate),
            formatDate(e.stopDate),
          ]),
        ),
      );
    });

  executions
    .command('describe <executionArn>')
    .description('Status, times and error of one execution (input and output only with --data)')
    .option('--endpoint <url>', 'Step Functions endpoint')
    .option('--data', 'also print input and output (they may hold PHI)')
    .option('--json', 'print JSON')
    .action(async (executionArn: string, options: { endpoint?: string; data?: boolean; json?: boolean }) => {
      const connection = connect(options);
      const sfn = await connection.sfn();
      const { DescribeExecutionCommand } = await sfnApi();
      const { $metadata: _metadata, ...described } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      const maps = await mapRunsOf(sfn, executionArn);
      const shown = {
        ...(options.data ? described : { ...described, input: undefined, output: undefined }),
        ...(maps.length > 0 ? { mapRuns: maps } : {}),
      };
      if (options.json) {
        console.log(JSON.stringify(shown));
        return;
      }
      console.log(`${described.name}  ${status(described.status)}`);
      console.log(`  state machine  ${described.stateMachineArn}`);
      console.log(`  started        ${formatDate(described.startDate)}${connection.local ? dim(' (simulated clock)') : ''}`);
      if (described.stopDate) console.log(`  stopped        ${formatDate(described.stopDate)}`);
      if (described.error) console.log(`  error          ${described.error}`);
      if (described.cause) console.log(`  cause          ${described.cause}`);
      // A Distributed Map's progress: its items (an 835's claims) posted and remaining.
      for (const run of maps) {
        const c = run.itemCounts;
        console.log(
          `  map run        ${run.state}: ${c.succeeded.toLocaleString('en-US')} posted / ${(c.total - c.succeeded - c.failed).toLocaleString('en-US')} remaining of ${c.total.toLocaleString('en-US')}${c.failed ? red(` (${c.failed.toLocaleString('en-US')} failed)`) : ''}  ${status(run.status)}`,
        );
      }
      if (options.data) {
        console.log(`  input          ${described.input}`);
        if (described.output) console.log(`  output         ${described.output}`);
      } else {
        console.log(dim('  (input and output hidden; add --data to show them)'));
      }
    });

  executions
    .command('history <executionArn>')
    .description('The events of one execution, in order')
    .option('--endpoint <url>', 'Step Functions endpoint')
    .option('--json', 'one JSON event per line')
    .option('--wide', 'print every detail whole (errors and causes are shortened at a word otherwise)')
    .action(async (executionArn: string, options: { endpoint?: string; json?: boolean; wide?: boolean }) => {
      const connection = connect(options);
      const events = await fullHistory(await connection.sfn(), executionArn);
      if (options.json) {
        for (const event of events) console.log(JSON.stringify(event));
        return;
      }
      console.log(
        table(
          ['ID', timeHeader(connection.local), 'TYPE', 'STATE', 'DETAIL'],
          events.map((e) => {
            const { state, detail } = eventSummary(e, options.wide);
            const type = e.type ?? '';
            return [String(e.id), formatDate(e.timestamp), /Failed|TimedOut|Aborted/.test(type) ? red(type) : type, state, detail];
          }),
        ),
      );
    });
}
