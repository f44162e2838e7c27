/**
 * The records use-cases against DynamoDB Local with the workflow ports faked: what they write, what
 * they report to the audit trail (field names, never values), and what holds when calls race or fail
 * half-way.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureEncounter } from '#functions/records/capture-encounter.ts';
import { getClaimTimeline } from '#functions/records/claim-timeline.ts';
import { listClaims } from '#functions/records/list-claims.ts';
import type { ExecutionReader, RecordsCall } from '#functions/records/ports.ts';
import { recordPatientPayment } from '#functions/records/record-patient-payment.ts';
import { registerPatient } from '#functions/records/register-patient.ts';
import { CapacityMeter, createStore, documentClient, type Store } from '#functions/store/index.ts';
import type { PhiAccess } from '#schemas/api.ts';
import { listClaimsRequest } from '#schemas/claim-queries.ts';
import { recordPatientPaymentRequest } from '#schemas/patient-payment.ts';
import type { Encounter } from '#schemas/encounter.ts';
import { claim, COMMERCIAL, coverage, doctor, hospital, line, patient } from '#test/payers/exchange/fixtures.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';

let table: TestTable;
let store: Store;
beforeAll(async () => {
  table = await createTestTable();
  store = createStore(documentClient(table.client), table.tableName);
  await store.reference.putPayerProfile(COMMERCIAL);
  await store.reference.putProvider(hospital);
  await store.reference.putProvider(doctor);
});
afterAll(async () => table?.drop());

/** A call at a fixed time that keeps what it reports to the audit trail. */
function callAt(at = '2026-02-01T10:00:00Z'): RecordsCall & { accesses: PhiAccess[] } {
  const accesses: PhiAccess[] = [];
  return { at: new Date(at), accesses, recordAccess: (a) => void accesses.push(a) };
}
const base = { purposeOfUse: 'payment' as const };

const lee = patient('PAT-8001', { firstName: 'Lee', lastName: 'Auditfield', dateOfBirth: '1990-05-05' });
const leePlan = coverage(lee, 'STD80001', { effectiveDate: '2025-01-01' });

function encounterOf(encounterId: string, p = lee, chargeCents = 8_000): Encounter {
  return {
    encounterId,
    patientId: p.patientId,
    accountId: p.accountId,
    encounterType: 'professional',
    renderingProviderId: doctor.providerId,
    diagnoses: [{ code: 'J06.9' }],
    charges: [
      {
        chargeId: 'C1',
        procedureCode: '99213',
        modifiers: [],
        diagnosisPointers: [1],
        units: 1,
        placeOfService: '11',
        serviceDateFrom: '2026-01-15',
        serviceDateTo: '2026-01-15',
        chargeCents,
      },
    ],
  };
}

describe('registration', () => {
  it('reports accesses by field name only, never a value', async () => {
    const call = callAt();
    await registerPatient({ store }, { ...base, patient: lee, coverages: [leePlan] }, call);
    expect(call.accesses).toEqual([
      expect.objectContaining({ patientId: lee.patientId, record: 'patient', action: 'create' }),
      expect.objectContaining({ record: 'coverage', recordId: leePlan.coverageId, action: 'create' }),
    ]);
    const text = JSON.stringify(call.accesses);
    for (const value of [lee.firstName, lee.lastName, lee.dateOfBirth, lee.address.line1, leePlan.memberId])
      expect(text).not.toContain(value);
  });

  it('a new plan from March: the old one ends in February, the new primary starts, and a priority change moves the coverage', async () => {
    const newPlan = coverage(lee, 'FULL80002', { coverageId: 'COV-8001-2026', effectiveDate: '2026-03-01' });
    // Two primaries in force on the same days are refused, naming the coverage the request sent.
    await expect(registerPatient({ store }, { ...base, patient: lee, coverages: [newPlan] }, callAt())).rejects.toThrow(
      /coverages\.0\.priority/,
    );
    const call = callAt();
    const result = await registerPatient(
      { store },
      { ...base, patient: lee, coverages: [{ ...leePlan, terminationDate: '2026-02-28' }, newPlan] },
      call,
    );
    expect(result.changed).toEqual([`coverages.${leePlan.coverageId}.terminationDate`, `coverages.${newPlan.coverageId}`]);
    // The old plan becomes secondary for its last weeks: its item moves, none is left at the old priority.
    await registerPatient(
      { store },
      { ...base, patient: lee, coverages: [{ ...leePlan, terminationDate: '2026-02-28', priority: 'secondary' }] },
      callAt(),
    );
    const stored = await store.patients.getPatientRecord(lee.patientId);
    expect(stored?.coverages.map((c) => [c.coverageId, c.priority])).toEqual([
      [newPlan.coverageId, 'primary'],
      [leePlan.coverageId, 'secondary'],
    ]);
    // Put back as it was for the tests below.
    await registerPatient(
      { store },
      {
        ...base,
        patient: lee,
        coverages: [
          { ...leePlan, priority: 'primary', terminationDate: '2026-02-28' },
          { ...newPlan, priority: 'secondary' },
        ],
      },
      callAt(),
    );
  });
});

describe('charge capture', () => {
  it('a lifecycle start that fails is finished by the retry: one charge, one claim, the same execution, with its payer', async () => {
    const started: string[] = [];
    let failOnce = true;
    const startLifecycle = async (claimId: string, payerId?: string) => {
      if (failOnce) {
        failOnce = false;
        throw new Error('Step Functions throttled');
      }
      started.push(`${claimId} ${payerId}`);
      return { executionArn: `arn:aws:states:us-east-1:000000000000:execution:ClaimLifecycle:life-${claimId}` };
    };
    const request = { ...base, encounter: encounterOf('ENC-8001'), billingProviderId: hospital.providerId };
    await expect(captureEncounter({ store, startLifecycle }, request, callAt())).rejects.toThrow('throttled');
    const retried = await captureEncounter({ store, startLifecycle }, request, callAt('2026-02-01T10:05:00Z'));
    expect(retried).toMatchObject({ claimId: 'CLM-ENC-8001', totalChargeCents: 8_000, status: 'already-captured' });
    // The retry finds the claim stored and starts its lifecycle with the stored claim's payer.
    expect(started).toEqual([`CLM-ENC-8001 ${leePlan.payerId}`]);
    const ledger = await store.ledger.getLedger(lee.accountId);
    expect(ledger.entries.filter((e) => e.kind === 'charge' && e.claimId === 'CLM-ENC-8001')).toHaveLength(1);
  });

  it('two identical captures racing post the charges once', async () => {
    const startLifecycle = async (claimId: string) => ({ executionArn: `arn:x:life-${claimId}` });
    const request = { ...base, encounter: encounterOf('ENC-8002', lee, 4_000), billingProviderId: hospital.providerId };
    const results = await Promise.all([1, 2, 3].map(() => captureEncounter({ store, startLifecycle }, request, callAt())));
    expect(results.filter((r) => r.status === 'captured')).toHaveLength(1);
    expect(new Set(results.map((r) => r.claimId))).toEqual(new Set(['CLM-ENC-8002']));
    const ledger = await store.ledger.getLedger(lee.accountId);
    expect(ledger.entries.filter((e) => e.claimId === 'CLM-ENC-8002')).toHaveLength(1);
  });
});

describe('patient payments', () => {
  it('refunds racing each other never give back more than was paid', async () => {
    const pay = (paymentId: string, kind: 'payment' | 'refund', amountCents: number) =>
      recordPatientPayment(
        { store },
        recordPatientPaymentRequest.parse({ ...base, paymentId, patientId: lee.patientId, kind, method: 'cash', amountCents }),
        callAt(),
      );
    await pay('RC-1', 'payment', 10_000);
    const outcomes = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => pay(`RF-${n}`, 'refund', 3_000)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.name)).toEqual([
      'RefundTooLargeError',
      'RefundTooLargeError',
    ]);
    const ledger = await store.ledger.getLedger(lee.accountId);
    expect(ledger.entries.filter((e) => e.kind === 'refund').reduce((s, e) => s + e.splits[0]!.amountCents, 0)).toBe(9_000);
  });

  it("a claim of another patient's account is answered as no claim, naming the field", async () => {
    const other = claim('PCN-OTHER-1', coverage(patient('PAT-8999'), 'STD89999'), [line('99213', 5_000)]);
    await store.claims.create(other, other.createdAt);
    await expect(
      recordPatientPayment(
        { store },
        recordPatientPaymentRequest.parse({
          ...base,
          paymentId: 'RC-9',
          patientId: lee.patientId,
          kind: 'payment',
          method: 'cash',
          amountCents: 100,
          claimId: other.claimId,
        }),
        callAt(),
      ),
    ).rejects.toMatchObject({ name: 'RecordNotFoundError', message: expect.not.stringContaining('PCN-OTHER') });
  });
});

describe('claim lists and timelines', () => {
  const ana = patient('PAT-8100');
  const anaPlan = coverage(ana, 'STD81000');
  const statuses = ['scrubbed', 'submitted', 'accepted', 'denied'] as const;
  const claims = Array.from({ length: 11 }, (_, i) =>
    claim(
      `PCN-L${String(i).padStart(2, '0')}`,
      anaPlan,
      [
        line('99213', 1_000 + i, {
          serviceDateFrom: `2026-01-${String(10 + i).padStart(2, '0')}`,
          serviceDateTo: `2026-01-${String(10 + i).padStart(2, '0')}`,
        }),
      ],
      {
        status: statuses[i % statuses.length]!,
        ...(i % 2 === 0 ? { payerId: 'OTHERPAYER' } : {}),
      },
    ),
  );
  beforeAll(async () => {
    for (const c of claims) await store.claims.create(c, c.createdAt);
  });

  it('pages through every claim exactly once, whatever the page size, with payer and service-age filters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom<string | undefined>(undefined, COMMERCIAL.payerId),
        fc.constantFrom<number | undefined>(undefined, 15, 20),
        async (limit, payerId, minDays) => {
          const request = listClaimsRequest.parse({
            ...base,
            limit,
            ...(payerId ? { payerId } : {}),
            ...(minDays !== undefined ? { age: { since: 'service', minDays } } : {}),
          });
          const seen: string[] = [];
          let nextToken: string | undefined;
          do {
            const page = await listClaims({ store }, { ...request, ...(nextToken ? { nextToken } : {}) }, callAt());
            expect(page.claims.length).toBeLessThanOrEqual(limit);
            seen.push(...page.claims.map((c) => c.claimId).filter((id) => id.startsWith('CLM-PCN-L')));
            nextToken = page.nextToken;
          } while (nextToken);
          // Today is 2026-02-01: minDays 15 keeps service on or before 2026-01-17.
          const expected = claims
            .filter((c) => !payerId || c.payerId === payerId)
            .filter((c) => minDays === undefined || c.lines[0]!.serviceDateFrom <= (minDays === 15 ? '2026-01-17' : '2026-01-12'))
            .map((c) => c.claimId);
          expect(seen.sort()).toEqual(expected.sort());
        },
      ),
      { numRuns: 12 },
    );
  });

  it('a timeline names an execution Step Functions no longer knows as UNKNOWN, and a claim that never ran has none', async () => {
    const c = claims[0]!;
    const gone = 'arn:aws:states:us-east-1:000000000000:execution:ClaimLifecycle:life-old-run';
    await store.claims.recordEvent({
      type: 'scrubbed',
      eventId: 'EV-1',
      claimId: c.claimId,
      at: '2026-01-21T10:00:00Z',
      errorCount: 0,
      warningCount: 0,
      executionId: gone,
    });
    const executions: ExecutionReader = {
      lifecycleArn: (id) => `arn:aws:states:us-east-1:000000000000:execution:ClaimLifecycle:life-${id}`,
      describe: async () => null,
    };
    const timeline = await getClaimTimeline({ store, executions }, { ...base, claimId: c.claimId }, callAt());
    expect(timeline.executions).toEqual([{ executionArn: gone, name: 'life-old-run', status: 'UNKNOWN', eventsRecorded: 1 }]);
    const never = await getClaimTimeline({ store, executions }, { ...base, claimId: claims[1]!.claimId }, callAt());
    expect(never.executions).toEqual([]);
    expect(never.events.map((e) => e.type)).toEqual(['created']);
  });

  it("follows the claim where it went: the next coverage's claim ran its own lifecycle", async () => {
    const c = claims[2]!;
    const arnOf = (id: string) => `arn:aws:states:us-east-1:000000000000:execution:ClaimLifecycle:life-${id}`;
    const ran = new Map([
      [arnOf(c.claimId), { status: 'SUCCEEDED' as const, startedAt: '2026-01-13T09:00:00.000Z', stoppedAt: '2026-01-25T09:00:00.000Z' }],
      [arnOf(`${c.claimId}-S`), { status: 'RUNNING' as const, startedAt: '2026-01-25T09:00:00.000Z' }],
    ]);
    const executions: ExecutionReader = {
      lifecycleArn: arnOf,
      describe: async (arn) => {
        const found = ran.get(arn);
        return found ? { executionArn: arn, name: arn.split(':').at(-1)!, ...found } : null;
      },
    };
    const timeline = await getClaimTimeline({ store, executions }, { ...base, claimId: c.claimId }, callAt());
    expect(timeline.executions.map((e) => [e.name, e.claimId, e.status])).toEqual([
      [`life-${c.claimId}`, c.claimId, 'SUCCEEDED'],
      [`life-${c.claimId}-S`, `${c.claimId}-S`, 'RUNNING'],
    ]);
  });

  it('what one call costs in DynamoDB capacity', async () => {
    const meter = new CapacityMeter();
    const metered = createStore(documentClient(table.client), table.tableName, meter);
    const cost = async (run: () => Promise<unknown>) => {
      meter.reset();
      await run();
      return meter.totals().capacityUnits;
    };
    const startLifecycle = async (claimId: string) => ({ executionArn: `arn:x:life-${claimId}` });
    const capture = await cost(() =>
      captureEncounter(
        { store: metered, startLifecycle },
        { ...base, encounter: encounterOf('ENC-8100'), billingProviderId: hospital.providerId },
        callAt(),
      ),
    );
    const retry = await cost(() =>
      captureEncounter(
        { store: metered, startLifecycle },
        { ...base, encounter: encounterOf('ENC-8100'), billingProviderId: hospital.providerId },
        callAt(),
      ),
    );
    const payment = await cost(() =>
      recordPatientPayment(
        { store: metered },
        recordPatientPaymentRequest.parse({
          ...base,
          paymentId: 'RC-CAP',
          patientId: lee.patientId,
          kind: 'payment',
          method: 'cash',
          amountCents: 500,
        }),
        callAt(),
      ),
    );
    const list = await cost(() => listClaims({ store: metered }, listClaimsRequest.parse({ ...base, limit: 50 }), callAt()));
    const costs = { capture, retry, payment, list };
    // Bounds that catch a regression to a scan or a read per item, not exact figures.
    expect(costs.capture).toBeLessThan(20);
    expect(costs.retry).toBeLessThan(costs.capture);
    expect(costs.payment).toBeLessThan(20);
    expect(costs.list).toBeLessThan(10);
    if (process.env.RECORDS_COSTS) console.log(JSON.stringify(costs));
  });
});
