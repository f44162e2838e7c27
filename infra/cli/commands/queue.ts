import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { connect } from '#infra/cli/connection.ts';
import { dim, table, dollars } from '#infra/cli/output.ts';
import type { WorkItemPage } from '#functions/store/index.ts';
import type { WorkItem } from '#schemas/work-item.ts';
import { isWorkQueue, WORK_ACTIONS, WORK_QUEUES } from '#schemas/work-item-names.ts';

/** `key=value` pairs (repeatable) into a payload; numbers stay numbers. */
function payloadOf(pairs: readonly string[]): Record<string, string | number> {
  const payload: Record<string, string | number> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`--payload takes key=value, not "${pair}"`);
    const value = pair.slice(at + 1);
    payload[pair.slice(0, at)] = /^-?\d+$/.test(value) ? Number(value) : value;
  }
  return payload;
}

function describeItem(item: WorkItem): string {
  const lines = [
    `${item.workItemId}  ${item.queue}/${item.kind}  ${item.status}${item.awaited ? ' (a workflow waits on it)' : ''}`,
    `  ${item.summary}`,
    `  amount ${dollars(item.amountCents)}${item.deadline ? `, act by ${item.deadline}` : ''}${item.claimId ? `, claim ${item.claimId}` : ''}${item.payerId ? `, payer ${item.payerId}` : ''}`,
    `  raised ${item.createdAt} by ${item.raisedBy}; actions: ${item.actions.join(', ')}`,
    ...Object.entries(item.details).map(([k, v]) => `  ${dim(k)}: ${Array.isArray(v) ? v.join(', ') : String(v)}`),
  ];
  if (item.resolution) {
    const r = item.resolution;
    lines.push(`  decided ${r.action} by ${r.decidedBy} at ${r.decidedAt}: ${r.reason}`);
  }
  return lines.join('\n');
}

/** `rcm queue list|show|resolve`: the work queues, through the same Lambda functions other services call. */
export function registerQueueCommands(program: Command): void {
  const queue = program.command('queue').description('Work queues: what people must look at or decide');

  queue
    .command('list')
    .description(`Open items of a queue by deadline, then largest amount (queues: ${WORK_QUEUES.join(', ')})`)
    .argument('<queue>', 'queue name')
    .option('--resolved', 'decided items instead, by decision time')
    .option('--payer <payerId>', 'only this payer')
    .option('--due-by <date>', 'only items due on or before YYYY-MM-DD')
    .option('--limit <n>', 'at most this many', '50')
    .option('--endpoint <url>', 'the local stack or another endpoint (default: the running rcm local)')
    .option('--json', 'print JSON')
    .action(
      async (
        name: string,
        options: { resolved?: boolean; payer?: string; dueBy?: string; limit: string; endpoint?: string; json?: boolean },
      ) => {
        if (!isWorkQueue(name)) throw new Error(`unknown queue ${name}; one of ${WORK_QUEUES.join(', ')}`);
        const page = await connect(options).invoke<WorkItemPage>('ListWorkItems', {
          queue: name,
          status: options.resolved ? 'resolved' : 'open',
          limit: Number(options.limit),
          ...(options.payer ? { payerId: options.payer } : {}),
          ...(options.dueBy ? { dueBy: options.dueBy } : {}),
        });
        if (options.json) {
          console.log(JSON.stringify(page, null, 2));
          return;
        }
        if (page.items.length === 0) {
          console.log(`The ${name} queue has no ${options.resolved ? 'decided' : 'open'} items.`);
          return;
        }
        console.log(
          table(
            ['WORK ITEM', 'KIND', 'ACT BY', 'AMOUNT', 'CLAIM', 'SUMMARY'],
            page.items.map((i) => [i.workItemId, i.kind, i.deadline ?? '', dollars(i.amountCents), i.claimId ?? '', i.summary]),
          ),
        );
        if (page.nextToken) console.log(dim('(more: raise --limit)'));
      },
    );

  queue
    .command('show')
    .description('One work item, its details and its decision')
    .argument('<workItemId>')
    .option('--endpoint <url>', 'the local stack or another endpoint')
    .option('--json', 'print JSON')
    .action(async (workItemId: string, options: { endpoint?: string; json?: boolean }) => {
      const item = await connect(options).invoke<WorkItem>('GetWorkItem', { workItemId });
      console.log(options.json ? JSON.stringify(item, null, 2) : describeItem(item));
    });

  queue
    .command('resolve')
    .description(`Decide a work item (actions: ${WORK_ACTIONS.join(', ')}); a workflow waiting on it resumes`)
    .argument('<workItemId>')
    .requiredOption('--action <action>', 'what you decide')
    .requiredOption('--reason <text>', 'why (kept with the decision; no patient data)')
    .option('--by <who>', 'who decides', `rcm:${userInfo().username}`)
    .option('--payload <key=value...>', 'what the action needs, e.g. reasonCode=SMALL')
    .option('--endpoint <url>', 'the local stack or another endpoint')
    .option('--json', 'print JSON')
    .action(
      async (
        workItemId: string,
        options: { action: string; reason: string; by: string; payload?: string[]; endpoint?: string; json?: boolean },
      ) => {
        const result = await connect(options).invoke<{ item: WorkItem; status: string; resumedWorkflow: boolean }>('ResolveWorkItem', {
          workItemId,
          action: options.action,
          reason: options.reason,
          decidedBy: options.by,
          ...(options.payload ? { payload: payloadOf(options.payload) } : {}),
        });
        if (options.json) console.log(JSON.stringify(result, null, 2));
        else if (result.status === 'already-resolved') {
          console.log(
            `${workItemId} was already decided: ${result.item.resolution?.action} by ${result.item.resolution?.decidedBy}. Nothing changed.`,
          );
        } else console.log(`${workItemId}: ${options.action} recorded${result.resumedWorkflow ? '; the waiting workflow resumes' : ''}.`);
      },
    );
}
