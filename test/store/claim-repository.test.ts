import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { CapacityMeter, createStore, documentClient, StoredItemError, type Store } from '#functions/store/index.ts';
import type { Appeal } from '#schemas/appeal.ts';
import type { Remittance } from '#schemas/remittance.ts';
import { coverage, patient, payerProfile, professionalClaim } from '#test/fixtures/accounts/builders.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';

let table: TestTable;
let store: Store;
beforeAll(async () => {
  table = await createTestTable();
  store = createStore(documentClient(table.client), table.tableName);
});
afterAll(async () => {
  await table.drop();
});

const event = (claimId: string, n: number) => ({ eventId: `${claimId}-e${n}`, claimId, at: `2026-03-0${n}T10:00:00Z` });

describe('claims, patients, remittances and appeals on DynamoDB Local', () => {
  it('reads a patient with coverages in priority order and authorizations', async () => {
    await store.patients.putPatient(patient());
    await store.patients.putCoverage(coverage({ coverageId: 'COV-2', priority: 'secondary', payerId: 'PAYER-B' }));
    await store.patients.putCoverage(coverage());
    await store.patients.putAuthorization({
      authorizationId: 'AUTH-1',
      patientId: 'PAT-1',
      payerId: 'PAYER-ACME',
      authorizationNumber: 'A123',
      status: 'approved',
      procedureCodes: ['70553'],
      validFrom: '2026-01-01',
      validThrough: '2026-06-30',
    });
    const record = await store.patients.getPatientRecord('PAT-1');
    expect(record?.patient.mrn).toBe('MRN000001');
    expect(record?.coverages.map((c) => c.priority)).toEqual(['primary', 'secondary']);
    expect(record?.authorizations.map((a) => a.authorizationNumber)).toEqual(['A123']);
    expect(await store.patients.getPatientRecord('PAT-NOPE')).toBeNull();
  });

  it('refuses to hand back a stored item that no longer fits its contract, naming only ids', async () => {
    await store.patients.putPatient(patient({ patientId: 'PAT-BAD' }));
    await documentClient(table.client).send(
      new PutCommand({
        TableName: table.tableName,
        Item: { pk: 'PATIENT#PAT-BAD', sk: 'COVERAGE#1#C', itemType: 'Coverage', memberId: 'ZZX000000001' },
      }),
    );
    const read = store.patients.getPatientRecord('PAT-BAD');
    await expect(read).rejects.toBeInstanceOf(StoredItemError);
    await expect(store.patients.getPatientRecord('PAT-BAD')).rejects.toThrow('stored Coverage of patient PAT-BAD fails its contract');
  });

  it('stores a claim once and reads it back with lines and timeline', async () => {
    expect(await store.claims.create(professionalClaim(), '2026-03-03T08:00:00Z')).toBe(true);
    expect(await store.claims.create(professionalClaim(), '2026-03-03T08:00:00Z')).toBe(false);
    const record = await store.claims.get('CLM-1');
    expect(record?.claim).toEqual(professionalClaim());
    expect(record?.timeline.map((e) => e.type)).toEqual(['created']);
  });

  it('moves a claim through its life with events, finds it by CLP01 and CLP07, and keeps the work queues right', async () => {
    await store.claims.create(professionalClaim({ claimId: 'CLM-2', patientControlNumber: 'PCN-2' }), '2026-03-03T08:00:00Z');
    expect(await store.claims.recordEvent({ ...event('CLM-2', 4), type: 'scrubbed', errorCount: 0, warningCount: 1 })).toEqual({
      status: 'recorded',
      claimStatus: 'scrubbed',
    });
    expect(await store.claims.recordEvent({ ...event('CLM-2', 5), type: 'submitted', interchangeControlNumber: '000000101' })).toEqual({
      status: 'recorded',
      claimStatus: 'submitted',
    });
    // replay and out-of-order events
    expect(await store.claims.recordEvent({ ...event('CLM-2', 5), type: 'submitted', interchangeControlNumber: '000000101' })).toEqual({
      status: 'already-recorded',
      eventId: 'CLM-2-e5',
    });
    expect((await store.claims.recordEvent({ ...event('CLM-2', 6), type: 'closed', reason: 'other' })).status).toBe('rejected');
    expect((await store.claims.listByStatus('submitted')).map((c) => c.claimId)).toContain('CLM-2');

    await store.claims.recordEvent({
      ...event('CLM-2', 7),
      type: 'adjudicated',
      remittanceId: 'RMT-1',
      payerClaimControlNumber: 'ICN-900',
      claimStatusCode: '1',
      paidCents: 0,
      patientResponsibilityCents: 0,
      deniedLineCount: 2,
    });
    const [byPcn] = await store.claims.findByPatientControlNumber('PCN-2');
    expect(byPcn?.claimId).toBe('CLM-2');
    expect(byPcn?.status).toBe('denied');
    expect((await store.claims.findByPayerClaimNumber('PAYER-ACME', 'ICN-900')).map((c) => c.claimId)).toEqual(['CLM-2']);
    expect(await store.claims.findByPayerClaimNumber('OTHER-PAYER', 'ICN-900')).toEqual([]);
    expect((await store.claims.listByStatus('submitted')).map((c) => c.claimId)).not.toContain('CLM-2');
    const record = await store.claims.get('CLM-2');
    expect(record?.timeline.map((e) => e.type)).toEqual(['created', 'scrubbed', 'submitted', 'adjudicated']);
    expect(record?.claim.payerClaimControlNumber).toBe('ICN-900');
  });

  it('the same acknowledgement delivered ten times at once is recorded once', async () => {
    await store.claims.create(professionalClaim({ claimId: 'CLM-ACK', patientControlNumber: 'PCN-ACK' }), '2026-03-03T08:00:00Z');
    await store.claims.recordEvent({ ...event('CLM-ACK', 4), type: 'scrubbed', errorCount: 0, warningCount: 0 });
    await store.claims.recordEvent({ ...event('CLM-ACK', 5), type: 'submitted', interchangeControlNumber: '000000103' });
    const ack = { ...event('CLM-ACK', 6), type: 'acknowledged' as const, source: '277CA' as const, accepted: true };
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => store.claims.recordEvent(ack)));
    expect(outcomes.filter((o) => o.status === 'recorded')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'already-recorded')).toHaveLength(9);
    const record = await store.claims.get('CLM-ACK');
    expect(record?.timeline.map((e) => e.type)).toEqual(['created', 'scrubbed', 'submitted', 'acknowledged']);
    expect(record?.version).toBe(4);
  });

  it('closed claims leave the work queues', async () => {
    await store.claims.create(professionalClaim({ claimId: 'CLM-Z', patientControlNumber: 'PCN-Z' }), '2026-03-03T08:00:00Z');
    await store.claims.recordEvent({ ...event('CLM-Z', 4), type: 'scrubbed', errorCount: 0, warningCount: 0 });
    await store.claims.recordEvent({ ...event('CLM-Z', 5), type: 'submitted', interchangeControlNumber: '000000102' });
    await store.claims.recordEvent({
      ...event('CLM-Z', 6),
      type: 'adjudicated',
      remittanceId: 'RMT-Z',
      payerClaimControlNumber: 'ICN-Z',
      claimStatusCode: '1',
      paidCents: 100,
      patientResponsibilityCents: 0,
      deniedLineCount: 0,
    });
    expect((await store.claims.listByStatus('paid')).map((c) => c.claimId)).toContain('CLM-Z');
    expect(await store.claims.recordEvent({ ...event('CLM-Z', 7), type: 'closed', reason: 'paid-in-full' })).toEqual({
      status: 'recorded',
      claimStatus: 'closed',
    });
    expect((await store.claims.listByStatus('paid')).map((c) => c.claimId)).not.toContain('CLM-Z');
    expect(await store.claims.listByStatus('closed')).toEqual([]);
    expect((await store.claims.get('CLM-Z'))?.claim.status).toBe('closed');
  });

  it('lists a status work queue oldest date of service first, with an aging cut-off', async () => {
    const dates = ['2026-02-10', '2025-11-30', '2026-01-05'];
    for (const [i, d] of dates.entries()) {
      const base = professionalClaim();
      await store.claims.create(
        {
          ...base,
          claimId: `AGE-${i}`,
          patientControlNumber: `PCN-AGE-${i}`,
          status: 'draft',
          lines: base.lines.map((l) => ({ ...l, serviceDateFrom: d, serviceDateTo: d })),
        },
        '2026-03-03T08:00:00Z',
      );
    }
    const queue = (await store.claims.listByStatus('draft')).filter((c) => c.claimId.startsWith('AGE-'));
    expect(queue.map((c) => c.claimId)).toEqual(['AGE-1', 'AGE-2', 'AGE-0']);
    const old = (await store.claims.listByStatus('draft', { agedBefore: '2026-01-01' })).filter((c) => c.claimId.startsWith('AGE-'));
    expect(old.map((c) => c.claimId)).toEqual(['AGE-1']);
  });

  it('finds remittances by TRN02 and stores each remittance once', async () => {
    const remit: Remittance = {
      remittanceId: 'RMT-1',
      payerId: 'PAYER-ACME',
      traceNumber: '12345678901',
      totalPaymentCents: 0,
      paymentMethod: 'ACH',
      paymentDate: '2026-03-20',
      receivedAt: '2026-03-20T06:00:00Z',
      claims: [],
      providerAdjustments: [],
    };
    expect(await store.remittances.save(remit)).toBe('saved');
    expect(await store.remittances.save(remit)).toBe('duplicate');
    expect((await store.remittances.findByTraceNumber('12345678901')).map((r) => r.remittanceId)).toEqual(['RMT-1']);
    expect(await store.remittances.findByTraceNumber('nope')).toEqual([]);
  });

  it('lists open appeals due before a date, soonest first; decided appeals drop out', async () => {
    const appeal = (id: string, dueDate: string, status: Appeal['status']): Appeal => ({
      appealId: id,
      claimId: 'CLM-2',
      accountId: 'ACC-1',
      payerId: 'PAYER-ACME',
      level: 1,
      status,
      dueDate,
      reasonCodes: ['CO-50'],
      evidence: ['medical records'],
      disputedCents: 18_500,
      createdAt: '2026-03-21T00:00:00Z',
    });
    await store.claims.putAppeal(appeal('APL-1', '2026-09-16', 'awaiting-approval'));
    await store.claims.putAppeal(appeal('APL-2', '2026-04-01', 'submitted'));
    await store.claims.putAppeal(appeal('APL-3', '2026-03-30', 'won'));
    await store.claims.putAppeal(appeal('APL-4', '2026-10-01', 'draft'));
    expect((await store.claims.listAppealsDueBefore('2026-10-01')).map((a) => a.appealId)).toEqual(['APL-2', 'APL-1']);
    await store.claims.putAppeal(appeal('APL-2', '2026-04-01', 'lost'));
    expect((await store.claims.listAppealsDueBefore('2026-10-01')).map((a) => a.appealId)).toEqual(['APL-1']);
    expect((await store.claims.get('CLM-2'))?.appeals.map((a) => a.appealId).sort()).toEqual(['APL-1', 'APL-2', 'APL-3', 'APL-4']);
  });

  it('measures the capacity one claim costs, from creation to posting', async () => {
    const meter = new CapacityMeter();
    const metered = createStore(documentClient(table.client), table.tableName, meter);
    await metered.reference.putPayerProfile(payerProfile());
    await metered.claims.create(professionalClaim({ claimId: 'CLM-COST', patientControlNumber: 'PCN-COST' }), '2026-03-03T08:00:00Z');
    await metered.claims.recordEvent({ ...event('CLM-COST', 4), type: 'scrubbed', errorCount: 0, warningCount: 0 });
    await metered.claims.get('CLM-COST');
    const totals = meter.totals();
    // the payer profile's put, the index read and the transaction of create, the event, the read back
    expect(totals.calls).toBe(6);
    expect(totals.capacityUnits).toBeGreaterThan(0);
    expect(meter.byOperation().get('claims.create')).toBeGreaterThan(meter.byOperation().get('claims.get') ?? Infinity);
    expect(await metered.reference.getPayerProfile('PAYER-ACME')).toEqual(payerProfile());
  });
});

describe("the claims of a CLP01, read for a batch of the 835's claims at once", () => {
  const snapshotIds = async (pcns: string[]) =>
    Object.fromEntries(
      [...(await store.claims.snapshotsByPatientControlNumbers(pcns, 4))].map(([pcn, s]) => [pcn, s.map((x) => x.claim.claimId).sort()]),
    );

  it('finds every claim of each CLP01, as the index does, with the version each was read at', async () => {
    await store.claims.create(professionalClaim({ claimId: 'CLM-L1', patientControlNumber: 'PCN-LIST-1' }), '2026-03-03T08:00:00Z');
    await store.claims.create(professionalClaim({ claimId: 'CLM-L2', patientControlNumber: 'PCN-LIST-1' }), '2026-03-04T08:00:00Z');
    await store.claims.create(professionalClaim({ claimId: 'CLM-L3', patientControlNumber: 'PCN-LIST-2' }), '2026-03-04T08:00:00Z');
    await store.claims.recordEvent({ ...event('CLM-L3', 4), type: 'scrubbed', errorCount: 0, warningCount: 0 });
    expect(await snapshotIds(['PCN-LIST-1', 'PCN-LIST-2', 'PCN-NONE'])).toEqual({
      'PCN-LIST-1': ['CLM-L1', 'CLM-L2'],
      'PCN-LIST-2': ['CLM-L3'],
      'PCN-NONE': [],
    });
    const read = await store.claims.snapshotsByPatientControlNumbers(['PCN-LIST-2'], 1);
    const byIndex = await store.claims.snapshotsByPatientControlNumber('PCN-LIST-2');
    expect(read.get('PCN-LIST-2')).toEqual(byIndex);
    expect(byIndex[0]?.version).toBe(2);
  });

  it('a claim stored before the lists were kept is found by the index, and listed with the next claim of its CLP01', async () => {
    // As an older release stored it: the header (and its index keys), no #CLAIMS item.
    await store.claims.create(professionalClaim({ claimId: 'CLM-OLD', patientControlNumber: 'PCN-OLD' }), '2026-03-03T08:00:00Z');
    await documentClient(table.client).send(new DeleteCommand({ TableName: table.tableName, Key: { pk: 'PCN#PCN-OLD', sk: '#CLAIMS' } }));
    expect(await snapshotIds(['PCN-OLD'])).toEqual({ 'PCN-OLD': ['CLM-OLD'] });
    await store.claims.create(professionalClaim({ claimId: 'CLM-NEWER', patientControlNumber: 'PCN-OLD' }), '2026-03-05T08:00:00Z');
    expect(await snapshotIds(['PCN-OLD'])).toEqual({ 'PCN-OLD': ['CLM-NEWER', 'CLM-OLD'] });
  });
});

describe("patients' coverages, read for a batch of the 835's claims at once", () => {
  const coveragesRead = async (patientIds: string[]) =>
    Object.fromEntries([...(await store.patients.coveragesOfPatients(patientIds, 4))].map(([id, cs]) => [id, cs]));

  it('reads what the patient record holds, in priority order, after coverages were added and moved', async () => {
    await store.patients.putPatient(patient({ patientId: 'PAT-LISTED' }));
    await store.patients.putCoverage(coverage({ patientId: 'PAT-LISTED', coverageId: 'COV-A', priority: 'secondary', payerId: 'PAYER-B' }));
    await store.patients.putCoverage(coverage({ patientId: 'PAT-LISTED', coverageId: 'COV-B' }));
    // A registration swaps them: COV-A becomes primary, COV-B secondary; their old items go.
    await store.patients.saveRegistration('PAT-LISTED', {
      coverages: [
        coverage({ patientId: 'PAT-LISTED', coverageId: 'COV-A', priority: 'primary', payerId: 'PAYER-B' }),
        coverage({ patientId: 'PAT-LISTED', coverageId: 'COV-B', priority: 'secondary' }),
      ],
      movedCoverages: [
        { coverageId: 'COV-A', priority: 'secondary' },
        { coverageId: 'COV-B', priority: 'primary' },
      ],
    });
    const record = await store.patients.getPatientRecord('PAT-LISTED');
    const read = await coveragesRead(['PAT-LISTED', 'PAT-UNKNOWN']);
    expect(read['PAT-LISTED']).toEqual(record?.coverages);
    expect(read['PAT-LISTED']!.map((c) => `${c.coverageId} ${c.priority}`)).toEqual(['COV-A primary', 'COV-B secondary']);
    expect(read['PAT-UNKNOWN']).toEqual([]);
  });

  it('coverages stored before the lists were kept are read by query, and listed with the next coverage written', async () => {
    await store.patients.putPatient(patient({ patientId: 'PAT-OLDER' }));
    await store.patients.putCoverage(coverage({ patientId: 'PAT-OLDER', coverageId: 'COV-OLD' }));
    await documentClient(table.client).send(
      new DeleteCommand({ TableName: table.tableName, Key: { pk: 'PATIENT#PAT-OLDER', sk: '#COVERAGES' } }),
    );
    expect((await coveragesRead(['PAT-OLDER']))['PAT-OLDER']!.map((c) => c.coverageId)).toEqual(['COV-OLD']);
    await store.patients.putCoverage(
      coverage({ patientId: 'PAT-OLDER', coverageId: 'COV-NEW', priority: 'secondary', payerId: 'PAYER-B' }),
    );
    const list = await documentClient(table.client).send(
      new GetCommand({ TableName: table.tableName, Key: { pk: 'PATIENT#PAT-OLDER', sk: '#COVERAGES' }, ConsistentRead: true }),
    );
    expect([...(list.Item?.coverageKeys as Set<string>)].sort()).toEqual(['COVERAGE#1#COV-OLD', 'COVERAGE#2#COV-NEW']);
    expect((await coveragesRead(['PAT-OLDER']))['PAT-OLDER']!.map((c) => c.coverageId)).toEqual(['COV-OLD', 'COV-NEW']);
  });

  it('property: after any sequence of coverage writes and priority moves, the batch read equals the patient record', async () => {
    const priorities = ['primary', 'secondary', 'tertiary'] as const;
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ coverage: fc.integer({ min: 0, max: 3 }), priority: fc.integer({ min: 0, max: 2 }), viaRegistration: fc.boolean() }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        async (writes) => {
          const patientId = `PAT-PROP-${(round += 1)}`;
          await store.patients.putPatient(patient({ patientId }));
          const at = new Map<number, (typeof priorities)[number]>();
          for (const w of writes) {
            const next = coverage({
              patientId,
              coverageId: `COV-${w.coverage}`,
              priority: priorities[w.priority]!,
              payerId: `PAYER-${w.coverage}`,
            });
            const before = at.get(w.coverage);
            if (w.viaRegistration || (before && before !== next.priority))
              await store.patients.saveRegistration(patientId, {
                coverages: [next],
                movedCoverages: before && before !== next.priority ? [{ coverageId: next.coverageId, priority: before }] : [],
              });
            else await store.patients.putCoverage(next);
            at.set(w.coverage, next.priority);
          }
          const record = await store.patients.getPatientRecord(patientId);
          expect((await coveragesRead([patientId]))[patientId]).toEqual(record?.coverages);
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
