/**
 * The console's own table, declared once as plain data (the CDK construct in infra/aws/console.ts and
 * the local stack's DynamoDB both build it from here). It is not the application's table: the console
 * reaches the application only through its Lambda functions. It holds the execution index (ids,
 * names, states, times, errors: no execution data), its counters, the saved views and the console's
 * append-only audit. The key layout is interpreted only by dynamo-execution-store.ts and
 * dynamo-console-state.ts.
 */
import type { TableDefinition } from '#functions/store/table-definition.ts';

/**
 * - `pk = EXECUTION#<arn>`, `sk = EXECUTION`: one execution, stored whole in `execution`.
 * - gsi1 `WF#<workflow>#<status>` / startedAt: a workflow's executions of one status, newest first.
 * - gsi2 `STATE#<workflow>#<state>` / startedAt (sparse: only executions that entered a state).
 * - gsi3 `NAME#<workflow>` / `<claim id or name, lower case>#<arn>`: search by claim id or name prefix.
 * - `pk = COUNTS`: one counter per workflow, status and state; `pk = FAILURES`: one per workflow, error and cause.
 * - `pk = VIEWS`: saved views by id; `pk = AUDIT#<yyyy-mm>`: audit entries by time (never updated or deleted).
 * - `pk = SESSION#<id>`: a console session's last activity (the idle logoff), expiring a day after it.
 */
export const consoleTable: TableDefinition = {
  logicalName: 'ConsoleState',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'N' }, projection: 'ALL' },
    { indexName: 'gsi2', partitionKey: { name: 'gsi2pk', type: 'S' }, sortKey: { name: 'gsi2sk', type: 'N' }, projection: 'ALL' },
    { indexName: 'gsi3', partitionKey: { name: 'gsi3pk', type: 'S' }, sortKey: { name: 'gsi3sk', type: 'S' }, projection: 'ALL' },
  ],
  // Only sessions' activity expires (console-auth.ts); the index, views and audit never do.
  timeToLiveAttribute: 'expiresAt',
};

/** Partition keys of the console's audit entries start with this (IAM denies updates and deletes under it). */
export const AUDIT_KEY_PREFIX = 'AUDIT#';

/** The environment variable that names the console's table in Lambda. */
export const CONSOLE_TABLE_ENV = 'CONSOLE_TABLE_NAME';

/** The variable mapping the application functions the console server invokes to their deployed names (JSON). */
export const CONSOLE_FUNCTIONS_ENV = 'CONSOLE_FUNCTION_NAMES';
/** The variable listing the state machine ARNs the refresher watches (JSON). */
export const CONSOLE_STATE_MACHINES_ENV = 'CONSOLE_STATE_MACHINE_ARNS';
