/**
 * What the financial reports read: every claim (with its lines, events and appeals), ledger entry,
 * remittance and work item, in one paginated Scan of the table filtered by item type.
 *
 * Cost: a Scan reads (and is billed for) every item in the table, the filtered-out ones too: about
 * one read capacity unit per 8 KB of table (eventually consistent), once a day for the scheduled
 * reports. No index serves "all claims": closed claims leave the status index (gsi3), and a
 * reporting index on every item would double the write cost of each posting to save a daily read.
 * When the table outgrows a Lambda's memory or 15 minutes, move this to a parallel Scan (Segment /
 * TotalSegments) or to DynamoDB's export to S3 with the reports run over the export.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { appealSchema, type Appeal } from '#schemas/appeal.ts';
import { claimEventSchema, type ClaimEvent } from '#schemas/claim-event.ts';
import { claimLineSchema, claimSchema, type Claim, type ClaimLine } from '#schemas/claim.ts';
import { ledgerEntrySchema, type LedgerEntry } from '#schemas/ledger-entry.ts';
import { remittanceSchema, type Remittance } from '#schemas/remittance.ts';
import { workItemSchema, type WorkItem } from '#schemas/work-item.ts';
import { withoutKeys } from './keys.ts';
import { StoredItemError, type TableContext, capacityOf } from './table.ts';

/** Every record the reports read, as the contracts define them. */
export interface ReportRecords {
  readonly claims: Claim[];
  readonly events: ClaimEvent[];
  readonly ledgerEntries: LedgerEntry[];
  readonly remittances: Remittance[];
  readonly appeals: Appeal[];
  readonly workItems: WorkItem[];
}

const reportItemTypes = ['Claim', 'ClaimLine', 'ClaimEvent', 'Appeal', 'LedgerEntry', 'Remittance', 'WorkItem'] as const;

interface Contract<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/** The value as its contract reads it; the store never hands back unchecked data (ids only in the message). */
function checked<T>(schema: Contract<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoredItemError(`${what} fails its contract`);
  return parsed.data;
}

/** Creates the reporting repository. */
export function reportRepository(ctx: TableContext) {
  /** Reads every record the reports need, in one Scan (see the cost note at the top of this file). */
  async function readAll(): Promise<ReportRecords> {
    const headers = new Map<string, Record<string, unknown>>();
    const lines = new Map<string, ClaimLine[]>();
    const out: ReportRecords = { claims: [], events: [], ledgerEntries: [], remittances: [], appeals: [], workItems: [] };
    const names = Object.fromEntries(reportItemTypes.map((t, i) => [`:t${i}`, t]));
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await ctx.doc.send(
        new ScanCommand({
          TableName: ctx.tableName,
          FilterExpression: `itemType IN (${Object.keys(names).join(', ')})`,
          ExpressionAttributeValues: names,
          ExclusiveStartKey: startKey,
          ...capacityOf(ctx),
        }),
      );
      ctx.meter?.record('reports.readAll', page.ConsumedCapacity);
      for (const item of page.Items ?? []) {
        const body = withoutKeys(item);
        const check = <T>(schema: Contract<T>, value: unknown): T => checked(schema, value, `${String(item.itemType)} item`);
        switch (item.itemType) {
          case 'Claim':
            headers.set(String(item.claimId), body);
            break;
          case 'ClaimLine': {
            const claimId = decodeURIComponent(String(item.pk).slice('CLAIM#'.length));
            lines.set(claimId, [...(lines.get(claimId) ?? []), check(claimLineSchema, body)]);
            break;
          }
          case 'ClaimEvent':
            out.events.push(check(claimEventSchema, body));
            break;
          case 'Appeal':
            out.appeals.push(check(appealSchema, body));
            break;
          case 'LedgerEntry':
            out.ledgerEntries.push(check(ledgerEntrySchema, body));
            break;
          case 'Remittance':
            out.remittances.push(check(remittanceSchema, body));
            break;
          case 'WorkItem':
            out.workItems.push(check(workItemSchema, { ...body, awaited: typeof item.taskToken === 'string' }));
            break;
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    for (const [claimId, header] of headers) {
      const { agingDate: _agingDate, ...rest } = header;
      const claimLines = (lines.get(claimId) ?? []).sort((a, b) => a.lineNumber - b.lineNumber);
      out.claims.push(checked(claimSchema, { ...rest, lines: claimLines }, `claim ${claimId}`));
    }
    return out;
  }

  return { readAll };
}

export type ReportRepository = ReturnType<typeof reportRepository>;
