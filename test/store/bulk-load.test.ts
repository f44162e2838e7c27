import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { coverage, professionalClaim } from '#test/fixtures/accounts/builders.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargePosting } from '#functions/accounts/clerk-postings.ts';
import { BatchWriteIncompleteError, createStore, documentClient } from '#functions/store/index.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';
import { putSubmittedClaim, putSubmittedClaims } from '#test/support/submitted-claim.ts';

const AT = '2026-03-03T08:00:00Z';
const tables: TestTable[] = [];
async function freshStore(wrap?: (doc: DynamoDBDocumentClient) => DynamoDBDocumentClient) {
  const table = await createTestTable();
  tables.push(table);
  const doc = documentClient(table.client);
  return { store: createStore(wrap ? wrap(doc) : doc, table.tableName), doc, tableName: table.tableName };
}
afterAll(async () => {
  await Promise.all(tables.map((t) => t.drop()));
});

/** Every item of a table, ordered by key, so two tables can be compared whole. */
async function everything(doc: DynamoDBDocumentClient, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.sort((a, b) => `${String(a.pk)}|${String(a.sk)}`.localeCompare(`${String(b.pk)}|${String(b.sk)}`));
}

// 40 patients with their own accounts and a family of 30 on one account: 70 claims, 280 records.
const OWN = Array.from({ length: 40 }, (_, i) => `OWN-${i}`);
const FAMILY = Array.from({ length: 30 }, (_, i) => `FAM-${i}`);

describe('a bulk load writes what the repositories write, one record at a time', () => {
  let oneByOne: Awaited<ReturnType<typeof freshStore>>;
  let bulk: Awaited<ReturnType<typeof freshStore>>;
  beforeAll(async () => {
    [oneByOne, bulk] = await Promise.all([freshStore(), freshStore()]);
    for (const n of OWN) await putSubmittedClaim(oneByOne.store, n);
    for (const n of FAMILY) await putSubmittedClaim(oneByOne.store, n, 'ACC-FAMILY');
  });

  it('stores the same items, the family account folded into one summary at version 30', async () => {
    const own = await putSubmittedClaims(bulk.store, OWN);
    const family = await putSubmittedClaims(bulk.store, FAMILY, 'ACC-FAMILY');
    expect(own.claims).toEqual({ created: 40, existing: 0 });
    expect(family.postings).toEqual({ batched: 30, transactional: 0, alreadyPosted: 0 });
    // patient, coverage, header, line, created event, posting marker, entry, the claim's CLP01 list and the
    // patient's coverage list per claim (each has its own CLP01 and patient); a summary per account
    expect(own.items).toBe(40 * 9 + 40);
    expect(own.requests).toBeLessThanOrEqual(Math.ceil((40 * 9) / 25) + Math.ceil(40 / 25) + 1);
    expect(await everything(bulk.doc, bulk.tableName)).toEqual(await everything(oneByOne.doc, oneByOne.tableName));
    const ledger = await bulk.store.ledger.getLedger('ACC-FAMILY');
    expect(ledger?.version).toBe(30);
    expect(ledger?.balances.primary).toBe(30 * 10_000);
  });

  it('loaded again, changes nothing: claims on file are left alone, postings on file are not posted twice', async () => {
    const before = await everything(bulk.doc, bulk.tableName);
    const own = await putSubmittedClaims(bulk.store, OWN);
    const family = await putSubmittedClaims(bulk.store, FAMILY, 'ACC-FAMILY');
    expect(own.claims).toEqual({ created: 0, existing: 40 });
    expect(family.postings).toEqual({ batched: 0, transactional: 0, alreadyPosted: 30 });
    expect(await everything(bulk.doc, bulk.tableName)).toEqual(before);
  });
});

describe('postings to an account already on file go through the ledger, one transaction each', () => {
  it('adds a second visit to an account with a charge on file, version-guarded', async () => {
    const { store } = await freshStore();
    await putSubmittedClaim(store, 'OLD', 'ACC-KNOWN');
    const report = await putSubmittedClaims(store, ['NEW'], 'ACC-KNOWN');
    expect(report.postings).toEqual({ batched: 0, transactional: 1, alreadyPosted: 0 });
    const ledger = (await store.ledger.getLedger('ACC-KNOWN'))!;
    expect(ledger.version).toBe(2);
    expect(ledger.balances.primary).toBe(20_000);
    expect(ledger.entries.map((e) => e.claimId).sort()).toEqual(['CLM-NEW', 'CLM-OLD']);
  });

  it('leaves a posting alone whose key is on file for another account, as ledger.post would', async () => {
    const { store } = await freshStore();
    await putSubmittedClaim(store, 'MOVED', 'ACC-FIRST');
    const report = await putSubmittedClaims(store, ['MOVED'], 'ACC-SECOND');
    expect(report.postings).toEqual({ batched: 0, transactional: 0, alreadyPosted: 1 });
    expect((await store.ledger.getLedger('ACC-SECOND'))?.entries ?? []).toEqual([]);
    expect((await store.ledger.getLedger('ACC-FIRST'))?.balances.primary).toBe(10_000);
  });

  it('rejects a posting that breaks a ledger rule before writing anything', async () => {
    const { store, doc, tableName } = await freshStore();
    const charge = chargePosting({
      accountId: 'ACC-1',
      claimId: 'CLM-1',
      amountCents: 100,
      to: 'primary',
      postedAt: '2026-03-03T08:00:00Z',
    });
    const wrong = { ...charge, entries: charge.entries.map((e) => ({ ...e, accountId: 'ACC-2' })) };
    await expect(store.bulk.load({ postings: [wrong] })).rejects.toThrow(/belongs to another account/);
    expect(await everything(doc, tableName)).toEqual([]);
  });
});

describe('a load that DynamoDB stops half-way is run again', () => {
  it('writes claim headers and account summaries last, so the rerun finishes what the first run left', async () => {
    const { store: reference, doc: refDoc, tableName: refTable } = await freshStore();
    for (const n of OWN.slice(0, 10)) await putSubmittedClaim(reference, n);

    // The first run: every request holding a claim header or an account summary comes back unprocessed.
    let throttling = true;
    const {
      store: throttled,
      doc,
      tableName,
    } = await freshStore((real) => {
      const send = real.send.bind(real) as (command: unknown) => Promise<unknown>;
      return new Proxy(real, {
        get: (target, prop) =>
          prop === 'send'
            ? async (command: { input: { RequestItems?: Record<string, { PutRequest?: { Item?: Record<string, unknown> } }[]> } }) => {
                const requests = Object.values(command.input.RequestItems ?? {})[0];
                const commits =
                  Array.isArray(requests) && requests.some((r) => ['Claim', 'Account'].includes(String(r.PutRequest?.Item?.itemType)));
                if (throttling && commits) return { UnprocessedItems: command.input.RequestItems };
                return send(command);
              }
            : Reflect.get(target, prop),
      });
    });
    const failed = await putSubmittedClaims(throttled, OWN.slice(0, 10), undefined, { maxAttempts: 2, pause: async () => {} }).catch(
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(BatchWriteIncompleteError);
    expect((failed as BatchWriteIncompleteError).left).toBe(20);
    expect(await throttled.claims.get('CLM-OWN-0')).toBeNull();

    throttling = false;
    const rerun = await putSubmittedClaims(throttled, OWN.slice(0, 10));
    expect(rerun.claims.created).toBe(10);
    expect(await everything(doc, tableName)).toEqual(await everything(refDoc, refTable));
  });
});

describe('a load beside items stored before the CLP01 and coverage lists were kept', () => {
  it("lists the older claim of the CLP01 and the older coverage of the patient too, so posting's batch reads miss neither", async () => {
    const { store, doc, tableName } = await freshStore();
    // As an older release stored them: claim CLM-OLD (CLP01 PCN-OLD) and patient PAT-OLD's coverage, no lists.
    await putSubmittedClaim(store, 'OLD');
    for (const sk of ['#CLAIMS', '#COVERAGES'])
      await doc.send(
        new DeleteCommand({ TableName: tableName, Key: sk === '#CLAIMS' ? { pk: 'PCN#PCN-OLD', sk } : { pk: 'PATIENT#PAT-OLD', sk } }),
      );
    // A load brings a second claim on the same CLP01 and a secondary coverage of the same patient.
    await store.bulk.load({
      claims: [
        { claim: professionalClaim({ claimId: 'CLM-OLD-2', patientId: 'PAT-OLD', patientControlNumber: 'PCN-OLD' }), createdAt: AT },
      ],
      coverages: [coverage({ coverageId: 'COV-OLD-2', patientId: 'PAT-OLD', priority: 'secondary', payerId: 'PAYER-B' })],
    });
    const claims = await store.claims.snapshotsByPatientControlNumbers(['PCN-OLD'], 2);
    expect(claims.get('PCN-OLD')!.map((s) => s.claim.claimId)).toEqual(['CLM-OLD', 'CLM-OLD-2']);
    const coverages = await store.patients.coveragesOfPatients(['PAT-OLD'], 2);
    expect(coverages.get('PAT-OLD')!.map((c) => c.coverageId)).toEqual(['COV-OLD', 'COV-OLD-2']);
  });
});
