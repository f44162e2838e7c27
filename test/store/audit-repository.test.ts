import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrailRepository, documentClient, type AuditTrail } from '#functions/store/index.ts';
import { auditTrailTable } from '#functions/store/table-definition.ts';
import type { AuditEntry } from '#schemas/api.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';

let table: TestTable;
let trail: AuditTrail;
beforeAll(async () => {
  table = await createTestTable(auditTrailTable);
  trail = auditTrailRepository({ doc: documentClient(table.client), tableName: table.tableName });
});
afterAll(async () => {
  await table.drop();
});

const entry = (patientId: string, at: string, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  entryId: randomUUID(),
  patientId,
  record: 'account',
  recordId: 'ACC-1',
  action: 'read',
  fields: ['balances'],
  at,
  caller: 'billing-office',
  purposeOfUse: 'payment',
  api: 'GetAccount',
  requestId: 'req-1',
  ...overrides,
});

describe('the audit trail on DynamoDB Local', () => {
  it('never replaces an entry: a second put of the same key fails and the first stays', async () => {
    const first = entry('PAT-OVR', '2026-02-01T10:00:00.000Z');
    await trail.append([first]);
    await expect(trail.append([{ ...first, caller: 'someone-else' }])).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    expect((await trail.listForPatient('PAT-OVR')).entries).toEqual([first]);
  });

  it('keeps each patient to their own partition, and refuses a page token of another patient', async () => {
    await trail.append([
      entry('PAT-A', '2026-02-01T10:00:00.000Z'),
      entry('PAT-A', '2026-02-01T11:00:00.000Z'),
      entry('PAT-B', '2026-02-01T10:00:00.000Z'),
    ]);
    const page = await trail.listForPatient('PAT-A', { limit: 1 });
    expect(page.entries.map((e) => e.patientId)).toEqual(['PAT-A']);
    await expect(trail.listForPatient('PAT-B', { nextToken: page.nextToken! })).rejects.toMatchObject({ name: 'InputValidationError' });
  });

  it('lists every entry once, newest first, across pages, whatever the times and the page size', async () => {
    const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') });
    await fc.assert(
      fc.asyncProperty(fc.array(instant, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 7 }), async (times, limit) => {
        const patientId = `PAT-${randomUUID()}`;
        const written = times.map((t) => entry(patientId, new Date(t).toISOString()));
        await trail.append(written);
        const read: AuditEntry[] = [];
        let nextToken: string | undefined;
        do {
          const page = await trail.listForPatient(patientId, { limit, ...(nextToken ? { nextToken } : {}) });
          read.push(...page.entries);
          nextToken = page.nextToken;
        } while (nextToken);
        expect(read.map((e) => e.entryId).sort()).toEqual(written.map((e) => e.entryId).sort());
        for (let i = 1; i < read.length; i++) expect(read[i - 1]!.at >= read[i]!.at).toBe(true);
      }),
      { numRuns: 15 },
    );
  });
});
