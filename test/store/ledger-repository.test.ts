import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balancesOf, makePosting } from '#functions/accounts/index.ts';
import { postingsForRemittanceClaim } from '#functions/remittance/posting-plan.ts';
import { CapacityMeter } from '#functions/store/capacity.ts';
import { LedgerRuleError, ledgerRepository, PostingNotFoundError, type LedgerRepository } from '#functions/store/ledger-repository.ts';
import type { RemittanceClaim } from '#schemas/remittance.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';

let table: TestTable;
let ledger: LedgerRepository;
let meter: CapacityMeter;
beforeAll(async () => {
  table = await createTestTable();
  meter = new CapacityMeter();
  ledger = ledgerRepository({ doc: DynamoDBDocumentClient.from(table.client), tableName: table.tableName, meter });
});
afterAll(async () => {
  await table.drop();
});

const at = (minute: number) => `2026-05-01T09:${String(minute).padStart(2, '0')}:00Z`;
const remitClaim = (pcn: string, icn: string): RemittanceClaim => ({
  patientControlNumber: pcn,
  statusCode: '1',
  chargeCents: 10_000,
  paidCents: 6_000,
  patientResponsibilityCents: 1_000,
  payerClaimControlNumber: icn,
  adjustments: [],
  remarks: [],
  lines: [
    {
      lineNumber: 1,
      procedureCode: '99213',
      modifiers: [],
      chargeCents: 10_000,
      paidCents: 6_000,
      remarks: [],
      adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: 3_000 },
        { group: 'PR', reasonCode: '3', amountCents: 1_000 },
      ],
    },
  ],
});

describe('ledger repository on DynamoDB Local', () => {
  it('posts a charge and a remittance, and reads the ledger back in time order with derived balances', async () => {
    await ledger.post(
      makePosting('ACC-S1', 'charge|C1', at(0), [
        { kind: 'charge', claimId: 'C1', splits: [{ responsibility: 'primary', amountCents: 10_000 }] },
      ]),
    );
    const [posting] = postingsForRemittanceClaim({
      accountId: 'ACC-S1',
      claimId: 'C1',
      payerId: 'P1',
      traceNumber: 'TRN-1',
      claim: remitClaim('PCN-1', 'ICN-1'),
      payerResponsibility: 'primary',
      patientResponsibilityTo: 'patient',
      postedAt: at(5),
    }).postings;
    if (!posting) throw new Error('no posting');
    const outcome = await ledger.post(posting);
    expect(outcome).toMatchObject({ status: 'posted', version: 2, balances: { primary: 0, patient: 1_000 } });
    const read = await ledger.getLedger('ACC-S1');
    expect(read.version).toBe(2);
    expect(read.entries.map((e) => e.kind)).toEqual(['charge', 'insurance-payment', 'contractual-adjustment', 'transfer']);
    expect(read.balances).toEqual(balancesOf(read.entries));
  });

  it('a replayed remittance is a typed no-op: nothing new is written', async () => {
    const [posting] = postingsForRemittanceClaim({
      accountId: 'ACC-S1',
      claimId: 'C1',
      payerId: 'P1',
      traceNumber: 'TRN-1',
      claim: remitClaim('PCN-1', 'ICN-1'),
      payerResponsibility: 'primary',
      patientResponsibilityTo: 'patient',
      postedAt: at(30),
    }).postings;
    if (!posting) throw new Error('no posting');
    const before = await ledger.getLedger('ACC-S1');
    await expect(ledger.post(posting)).resolves.toEqual({ status: 'already-posted', postingKey: posting.postingKey });
    const after = await ledger.getLedger('ACC-S1');
    expect(after).toEqual(before);
  });

  it('twenty parallel postings to one account all land exactly once and the balance is exact', async () => {
    const postings = Array.from({ length: 20 }, (_, i) =>
      makePosting('ACC-HOT', `pp|receipt-${i}`, at(i), [
        { kind: 'charge', splits: [{ responsibility: 'patient', amountCents: 1_000 + i }] },
      ]),
    );
    // each posting is sent twice at once, so replays race with first postings
    const outcomes = await Promise.all([...postings, ...postings].map((p) => ledger.post(p)));
    expect(outcomes.filter((o) => o.status === 'posted')).toHaveLength(20);
    expect(outcomes.filter((o) => o.status === 'already-posted')).toHaveLength(20);
    const read = await ledger.getLedger('ACC-HOT');
    const expected = postings.reduce((sum, _p, i) => sum + 1_000 + i, 0);
    expect(read.entries).toHaveLength(20);
    expect(read.balances.patient).toBe(expected);
    expect(read.version).toBe(20);
    expect(balancesOf(read.entries)).toEqual(read.balances);
  });

  it('reverses a posting once; the correction then posts under its own key', async () => {
    const wrong = makePosting('ACC-R', '835|P1|TRN-9|PCN-9|ICN-9|1', at(1), [
      { kind: 'insurance-payment', splits: [{ responsibility: 'primary', amountCents: -7_000 }] },
    ]);
    await ledger.post(
      makePosting('ACC-R', 'charge|C9', at(0), [{ kind: 'charge', splits: [{ responsibility: 'primary', amountCents: 9_000 }] }]),
    );
    await ledger.post(wrong);
    expect((await ledger.reverse(wrong.postingKey, at(2))).status).toBe('posted');
    expect((await ledger.reverse(wrong.postingKey, at(3))).status).toBe('already-posted');
    await ledger.post(
      makePosting('ACC-R', '835|P1|TRN-10|PCN-9|ICN-9|1', at(4), [
        { kind: 'insurance-payment', splits: [{ responsibility: 'primary', amountCents: -6_000 }] },
      ]),
    );
    const read = await ledger.getLedger('ACC-R');
    expect(read.balances.primary).toBe(3_000);
    expect(read.entries.map((e) => e.kind)).toEqual(['charge', 'insurance-payment', 'reversal', 'insurance-payment']);
    await expect(ledger.reverse('no-such-key', at(5))).rejects.toBeInstanceOf(PostingNotFoundError);
  });

  it('a CLP02 22 payer reversal undoes every posting of that payer claim number, once', async () => {
    const post835 = (trace: string, paid: number) =>
      postingsForRemittanceClaim({
        accountId: 'ACC-22',
        claimId: 'C22',
        payerId: 'P1',
        traceNumber: trace,
        payerResponsibility: 'primary',
        patientResponsibilityTo: 'patient',
        postedAt: at(10),
        claim: {
          ...remitClaim('PCN-22', 'ICN-22'),
          paidCents: paid,
          lines: [{ ...remitClaim('PCN-22', 'ICN-22').lines[0]!, paidCents: paid }],
        },
      }).postings;
    await ledger.post(
      makePosting('ACC-22', 'charge|C22', at(0), [{ kind: 'charge', splits: [{ responsibility: 'primary', amountCents: 10_000 }] }]),
    );
    for (const p of post835('TRN-A', 6_000)) await ledger.post(p);
    expect((await ledger.getLedger('ACC-22')).balances).toMatchObject({ primary: 0, patient: 1_000 });

    const first = await ledger.reversePayerClaim('P1', 'ICN-22', at(20));
    expect(first.map((o) => o.status)).toEqual(['posted']);
    expect((await ledger.getLedger('ACC-22')).balances).toMatchObject({ primary: 10_000, patient: 0 });
    expect((await ledger.reversePayerClaim('P1', 'ICN-22', at(21))).map((o) => o.status)).toEqual(['already-posted']);

    // the payer re-adjudicates under a new trace number, then reverses that too
    for (const p of post835('TRN-B', 5_000)) await ledger.post(p);
    expect((await ledger.getLedger('ACC-22')).balances).toMatchObject({ primary: 1_000, patient: 1_000 });
    const second = await ledger.reversePayerClaim('P1', 'ICN-22', at(40));
    expect(second.map((o) => o.status).sort()).toEqual(['already-posted', 'posted']);
    const read = await ledger.getLedger('ACC-22');
    expect(read.balances).toMatchObject({ primary: 10_000, patient: 0 });
    expect(read.entries.filter((e) => e.kind === 'reversal')).toHaveLength(6);
    expect(await ledger.reversePayerClaim('P1', 'ICN-NONE', at(41))).toEqual([]);
  });

  it('keeps time order across timestamps written with and without milliseconds', async () => {
    await ledger.post(
      makePosting('ACC-T', 'late', '2026-05-01T10:00:00.500Z', [
        { kind: 'charge', splits: [{ responsibility: 'patient', amountCents: 2 }] },
      ]),
    );
    await ledger.post(
      makePosting('ACC-T', 'early', '2026-05-01T10:00:00Z', [{ kind: 'charge', splits: [{ responsibility: 'patient', amountCents: 1 }] }]),
    );
    await ledger.post(
      makePosting('ACC-T', 'latest', '2026-05-01T10:00:01Z', [{ kind: 'charge', splits: [{ responsibility: 'patient', amountCents: 3 }] }]),
    );
    expect((await ledger.getLedger('ACC-T')).entries.map((e) => e.postingKey)).toEqual(['early', 'late', 'latest']);
  });

  it('refuses a malformed posting before writing anything', async () => {
    const bad = makePosting('ACC-BAD', 'bad', at(0), [{ kind: 'charge', splits: [{ responsibility: 'primary', amountCents: -1 }] }]);
    await expect(ledger.post(bad)).rejects.toBeInstanceOf(LedgerRuleError);
    expect((await ledger.getLedger('ACC-BAD')).entries).toHaveLength(0);
  });

  it('reports consumed capacity for every call', () => {
    const totals = meter.totals();
    expect(totals.calls).toBeGreaterThan(0);
    expect(totals.capacityUnits).toBeGreaterThan(0);
    expect(meter.byOperation().get('ledger.post')).toBeGreaterThan(0);
  });
});

describe('consumed capacity', () => {
  it('is asked of DynamoDB only when a meter records it', async () => {
    const asked: unknown[] = [];
    const client = table.client;
    client.middlewareStack.add(
      (next) => async (args) => {
        asked.push((args.input as { ReturnConsumedCapacity?: unknown }).ReturnConsumedCapacity);
        return next(args);
      },
      { step: 'initialize', name: 'askedCapacity' },
    );
    try {
      const doc = DynamoDBDocumentClient.from(client);
      const unmetered = ledgerRepository({ doc, tableName: table.tableName });
      await unmetered.post(
        makePosting('ACC-CAP', 'charge|CAP1', at(1), [
          { kind: 'charge', claimId: 'CAP1', splits: [{ responsibility: 'primary', amountCents: 100 }] },
        ]),
      );
      await unmetered.getLedger('ACC-CAP');
      expect(asked.length).toBeGreaterThan(1);
      expect(asked.every((a) => a === undefined)).toBe(true);
      asked.length = 0;
      const metered = ledgerRepository({ doc, tableName: table.tableName, meter: new CapacityMeter() });
      await metered.getLedger('ACC-CAP');
      expect(asked).toEqual(['TOTAL']);
    } finally {
      client.middlewareStack.remove('askedCapacity');
    }
  });
});
