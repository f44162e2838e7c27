/**
 * Saved views and the console's audit in the console's DynamoDB table (layout in console-table.ts).
 * Audit entries are only ever put, each under a new key that must not exist: one partition per month,
 * sorted by time, so the newest entries are one Query away and no partition grows without bound.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '#functions/store/query.ts';
import { AUDIT_KEY_PREFIX } from './console-table.ts';
import type { ConsoleAudit, ConsoleAuditEntry } from './console-audit.ts';
import type { ConsoleTableContext } from './dynamo-execution-store.ts';
import type { SavedView, SavedViews } from './saved-views.ts';

const VIEWS = 'VIEWS';
/** How far back `list` reads the audit, in months, and how many entries it returns at most. */
const AUDIT_MONTHS = 3;
const AUDIT_LIST_LIMIT = 1000;

/** Saved views in the console's table: one partition, a view per id. */
export function dynamoSavedViews(ctx: ConsoleTableContext): SavedViews {
  const { doc, tableName } = ctx;
  return {
    async save(view) {
      const saved: SavedView = { ...view, id: randomUUID() };
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: VIEWS, sk: saved.id, view: saved },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return saved;
    },
    async get(id) {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: VIEWS, sk: id } }));
      return out.Item?.view as SavedView | undefined;
    },
    async list() {
      const items = await queryAll(ctx, 'console.views', {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': VIEWS },
      });
      const views = items.map((i) => i.view as SavedView);
      return views.sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}

/** The month partition an entry's time falls in, `AUDIT#yyyy-mm`. */
const monthOf = (at: string): string => `${AUDIT_KEY_PREFIX}${at.slice(0, 7)}`;

/** The months before `at`'s, newest first, `count` of them including its own. */
function monthsBack(at: string, count: number): string[] {
  const [year, month] = at.slice(0, 7).split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 1 - i, 1));
    return `${AUDIT_KEY_PREFIX}${d.toISOString().slice(0, 7)}`;
  });
}

/**
 * The console's audit in its table, append-only: `record` puts a new item under a fresh key, never
 * overwriting one; `list` returns the newest entries of the last months (relative to the newest
 * month written by `now`), newest first.
 */
export function dynamoConsoleAudit(ctx: ConsoleTableContext, now: () => Promise<number> = async () => Date.now()): ConsoleAudit {
  const { doc, tableName } = ctx;
  return {
    async record(entry) {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: monthOf(entry.at), sk: `${entry.at}#${randomUUID()}`, entry },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },
    async list() {
      const entries: ConsoleAuditEntry[] = [];
      for (const month of monthsBack(new Date(await now()).toISOString(), AUDIT_MONTHS)) {
        const items = await queryAll(
          ctx,
          'console.audit',
          { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': month }, ScanIndexForward: false },
          AUDIT_LIST_LIMIT - entries.length,
        );
        entries.push(...items.map((i) => i.entry as ConsoleAuditEntry));
        if (entries.length >= AUDIT_LIST_LIMIT) break;
      }
      return entries;
    },
  };
}
