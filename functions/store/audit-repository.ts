/**
 * The PHI access audit trail (its own table, see `auditTrailTable`): entries are only ever added,
 * each with a condition that no entry has its key, so none is overwritten; there is no update or
 * delete here, and in AWS the application's roles have no permission for one.
 */
import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditEntrySchema, type AuditEntry } from '#schemas/api.ts';
import { InputValidationError } from '#functions/errors/index.ts';
import { StoredItemError } from './table.ts';

/** What the trail needs: the document client and the audit table's name. */
export interface AuditTrailContext {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** A window of a patient's trail; times are ISO instants, both ends included. */
export interface AuditQuery {
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
  /** From a previous page's `nextToken`. */
  readonly nextToken?: string;
}

export interface AuditPage {
  /** Newest first. */
  readonly entries: AuditEntry[];
  readonly nextToken?: string;
}

/** DynamoDB takes at most 100 items in one transaction. */
const TRANSACTION_LIMIT = 100;

// Key parts are URI-encoded, as in the main table, so a '#' inside an id cannot forge another key.
const partitionOf = (patientId: string) => `PATIENT#${encodeURIComponent(patientId)}`;
const sortKeyOf = (entry: Pick<AuditEntry, 'at' | 'entryId'>) => `${new Date(entry.at).toISOString()}#${entry.entryId}`;

function encodeToken(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function decodeToken(token: string, patientId: string): Record<string, unknown> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const record = key as { pk?: unknown; sk?: unknown } | undefined;
  // A token of another patient's trail would let a caller page into it.
  if (!record || record.pk !== partitionOf(patientId) || typeof record.sk !== 'string')
    throw new InputValidationError([{ path: 'nextToken', message: "is not a page token of this patient's trail" }]);
  return { pk: record.pk, sk: record.sk };
}

/** Creates the audit trail repository. */
export function auditTrailRepository(ctx: AuditTrailContext) {
  return {
    /**
     * Adds entries, all or none per transaction of up to 100 (one call's accesses are one
     * transaction in practice); an entry whose key exists fails the write rather than replacing it.
     */
    async append(entries: readonly AuditEntry[]): Promise<void> {
      const checked = entries.map((entry) => auditEntrySchema.parse(entry));
      for (let start = 0; start < checked.length; start += TRANSACTION_LIMIT) {
        await ctx.doc.send(
          new TransactWriteCommand({
            TransactItems: checked.slice(start, start + TRANSACTION_LIMIT).map((entry) => ({
              Put: {
                TableName: ctx.tableName,
                Item: { pk: partitionOf(entry.patientId), sk: sortKeyOf(entry), ...entry },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            })),
          }),
        );
      }
    },

    /** One patient's entries in a time window, newest first, a page at a time. */
    async listForPatient(patientId: string, query: AuditQuery = {}): Promise<AuditPage> {
      const values: Record<string, unknown> = { ':pk': partitionOf(patientId) };
      // Entries are stored at millisecond ISO instants; bounds are written the same way to compare as text.
      const from = query.from === undefined ? undefined : new Date(query.from).toISOString();
      const to = query.to === undefined ? undefined : new Date(query.to).toISOString();
      let range = '';
      // Sort keys are `<at>#<entryId>`: `~` sorts after every id character, so `to` is inclusive.
      if (from && to) {
        range = ' AND sk BETWEEN :from AND :to';
        Object.assign(values, { ':from': from, ':to': `${to}#~` });
      } else if (from) {
        range = ' AND sk >= :from';
        values[':from'] = from;
      } else if (to) {
        range = ' AND sk <= :to';
        values[':to'] = `${to}#~`;
      }
      const out = await ctx.doc.send(
        new QueryCommand({
          TableName: ctx.tableName,
          KeyConditionExpression: `pk = :pk${range}`,
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: query.limit ?? 50,
          ...(query.nextToken ? { ExclusiveStartKey: decodeToken(query.nextToken, patientId) } : {}),
        }),
      );
      const entries = (out.Items ?? []).map((item) => {
        const { pk: _pk, sk: _sk, ...rest } = item;
        const parsed = auditEntrySchema.safeParse(rest);
        if (!parsed.success) throw new StoredItemError('a stored audit entry fails its contract');
        return parsed.data;
      });
      return { entries, ...(out.LastEvaluatedKey ? { nextToken: encodeToken(out.LastEvaluatedKey) } : {}) };
    },
  };
}

export type AuditTrail = ReturnType<typeof auditTrailRepository>;
