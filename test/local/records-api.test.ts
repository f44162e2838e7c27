/**
 * The records APIs at work, through the local stack's Lambda endpoint with the AWS SDK client: a
 * registration clerk registers a patient and her plan, charge capture sends a visit's charges to the
 * ledger and its claim on its way, the payer pays (simulated days pass), a cashier takes the patient's
 * share and refunds part of it, and a billing manager lists claims and reads a claim's timeline.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureEncounterRequest } from '#schemas/charge-capture.ts';
import type { Encounter } from '#schemas/encounter.ts';
import { COMMERCIAL, coverage, doctor, hospital, patient } from '#test/payers/exchange/fixtures.ts';
import { lifecycleArn } from '#test/support/lifecycle-scenario.ts';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let env: PayerStack;
beforeAll(async () => {
  env = await startPayerStack([]);
}, 120_000);
afterAll(async () => env?.stack.stop());

type Reply = { ok: true; body: Record<string, unknown> } | { ok: false; errorType: string; errorMessage: string };

/** Invokes a Lambda API as another hospital service does. */
async function invoke(functionName: string, payload: Record<string, unknown>): Promise<Reply> {
  const reply = await env.lambda.send(
    new InvokeCommand({ FunctionName: functionName, Payload: new TextEncoder().encode(JSON.stringify(payload)) }),
  );
  const body = JSON.parse(new TextDecoder().decode(reply.Payload)) as Record<string, unknown>;
  return reply.FunctionError
    ? { ok: false, errorType: String(body.errorType), errorMessage: String(body.errorMessage) }
    : { ok: true, body };
}
async function call<T = Record<string, unknown>>(functionName: string, payload: Record<string, unknown>): Promise<T> {
  const reply = await invoke(functionName, payload);
  if (!reply.ok) throw new Error(`${functionName}: ${reply.errorType}: ${reply.errorMessage}`);
  return reply.body as T;
}
async function failure(functionName: string, payload: Record<string, unknown>) {
  const reply = await invoke(functionName, payload);
  if (reply.ok) throw new Error(`${functionName} answered instead of failing`);
  return reply;
}

const asClerk = { purposeOfUse: 'payment', onBehalfOf: 'registration-clerk-4' } as const;
const asCashier = { purposeOfUse: 'payment', onBehalfOf: 'cashier-2' } as const;
const asManager = { purposeOfUse: 'operations', onBehalfOf: 'billing-manager-1' } as const;

// Standard cost share (STD member prefix): the payer pays part and the patient owes the rest.
const rosa = patient('PAT-7001', { firstName: 'Rosa', lastName: 'Registered', dateOfBirth: '1988-03-14' });
const rosaPlan = coverage(rosa, 'STD70001');
const omar = patient('PAT-7002', { firstName: 'Omar', lastName: 'Second', dateOfBirth: '1975-08-02', sex: 'M' });
const omarPlan = coverage(omar, 'FULL70002');

function visit(encounterId: string, p: typeof rosa, date: string, charges: [string, number][]): Encounter {
  return {
    encounterId,
    patientId: p.patientId,
    accountId: p.accountId,
    encounterType: 'professional',
    renderingProviderId: doctor.providerId,
    diagnoses: [{ code: 'J06.9' }],
    charges: charges.map(([procedureCode, chargeCents], i) => ({
      chargeId: `${encounterId}-${i + 1}`,
      procedureCode,
      modifiers: [],
      diagnosisPointers: [1],
      units: 1,
      placeOfService: '11',
      serviceDateFrom: date,
      serviceDateTo: date,
      chargeCents,
    })),
  };
}
const rosaVisit = visit('ENC-7001', rosa, '2026-01-12', [['99213', 12_500]]);
const capture = (encounter: Encounter): CaptureEncounterRequest & Record<string, unknown> => ({
  ...asClerk,
  encounter,
  billingProviderId: hospital.providerId,
});

describe('the registration clerk', () => {
  it('registers a patient with her plan; the same registration again changes nothing', async () => {
    const first = await call('RegisterPatient', { ...asClerk, patient: rosa, coverages: [rosaPlan] });
    expect(first).toEqual({ patientId: rosa.patientId, status: 'created', changed: ['patient', `coverages.${rosaPlan.coverageId}`] });
    const again = await call('RegisterPatient', { ...asClerk, patient: rosa, coverages: [rosaPlan] });
    expect(again).toEqual({ patientId: rosa.patientId, status: 'unchanged', changed: [] });
    await call('RegisterPatient', { ...asClerk, patient: omar, coverages: [omarPlan] });
  });

  it('updates her address and group number: the answer names the fields that changed, never their values', async () => {
    const moved = { ...rosa, address: { ...rosa.address, line1: '48 Birch Lane' } };
    const updated = await call('RegisterPatient', { ...asClerk, patient: moved, coverages: [{ ...rosaPlan, groupNumber: 'GRP-7002' }] });
    expect(updated).toEqual({
      patientId: rosa.patientId,
      status: 'updated',
      changed: ['patient.address', `coverages.${rosaPlan.coverageId}.groupNumber`],
    });
    expect(JSON.stringify(updated)).not.toContain('Birch');
    const stored = await env.store.patients.getPatientRecord(rosa.patientId);
    expect(stored?.patient.address.line1).toBe('48 Birch Lane');
    expect(stored?.coverages.map((c) => [c.coverageId, c.groupNumber])).toEqual([[rosaPlan.coverageId, 'GRP-7002']]);
  });

  it('is told which field is wrong: a payer with no profile, a second primary on the same days, a coverage of someone else', async () => {
    const unknownPayer = await failure('RegisterPatient', {
      ...asClerk,
      patient: rosa,
      coverages: [{ ...rosaPlan, coverageId: 'COV-7001-NEW', payerId: 'PAYER-NOBODY' }],
    });
    expect(unknownPayer.errorType).toBe('InputValidationError');
    expect(unknownPayer.errorMessage).toContain('coverages.0.payerId');
    expect(unknownPayer.errorMessage).toContain('coverages.0.priority');
    expect(unknownPayer.errorMessage).not.toContain('PAYER-NOBODY');

    const someoneElses = await failure('RegisterPatient', { ...asClerk, patient: rosa, coverages: [omarPlan] });
    expect(someoneElses.errorMessage).toContain('coverages.0.patientId');
    expect(someoneElses.errorMessage).not.toContain(omar.patientId);

    const noPurpose = await failure('RegisterPatient', { patient: rosa, coverages: [] });
    expect(noPurpose.errorType).toBe('InputValidationError');
    expect(noPurpose.errorMessage).toContain('purposeOfUse');
  });
});

describe('charge capture', () => {
  let claimId: string;
  let executionArn: string;

  it("posts the visit's charges, stores its claim and starts its lifecycle, which scrubs and submits it", async () => {
    const captured = await call<{ claimId: string; executionArn: string }>('CaptureEncounter', capture(rosaVisit));
    ({ claimId, executionArn } = captured);
    expect(captured).toEqual({
      encounterId: 'ENC-7001',
      claimId: 'CLM-ENC-7001',
      executionArn: lifecycleArn(env, 'life-CLM-ENC-7001'),
      totalChargeCents: 12_500,
      status: 'captured',
    });
    await env.stack.settle();
    const stored = await env.store.claims.get(claimId);
    expect(stored?.claim).toMatchObject({
      payerId: COMMERCIAL.payerId,
      coverageId: rosaPlan.coverageId,
      status: 'submitted',
      totalChargeCents: 12_500,
    });
    const ledger = await env.store.ledger.getLedger(rosa.accountId);
    expect(ledger.balances).toEqual({ primary: 12_500, secondary: 0, tertiary: 0, patient: 0 });
  });

  it('a retried capture answers the same claim and execution and posts nothing again', async () => {
    const retried = await call('CaptureEncounter', capture(rosaVisit));
    expect(retried).toEqual({ encounterId: 'ENC-7001', claimId, executionArn, totalChargeCents: 12_500, status: 'already-captured' });
    const ledger = await env.store.ledger.getLedger(rosa.accountId);
    expect(ledger.entries.filter((e) => e.kind === 'charge')).toHaveLength(1);
    expect(ledger.balances.primary).toBe(12_500);
  });

  it('the same encounter id with other charges is refused: the first capture stands', async () => {
    const changed = await failure('CaptureEncounter', capture(visit('ENC-7001', rosa, '2026-01-12', [['99214', 20_000]])));
    expect(changed.errorType).toBe('IdempotencyConflictError');
    expect(changed.errorMessage).toContain('encounter.encounterId');
  });

  it('an encounter of a patient nobody registered names the field, not the id', async () => {
    const stranger = patient('PAT-7999');
    const refused = await failure('CaptureEncounter', capture(visit('ENC-7999', stranger, '2026-01-12', [['99213', 9_000]])));
    expect(refused).toMatchObject({ errorType: 'RecordNotFoundError' });
    expect(refused.errorMessage).toContain('encounter.patientId');
    expect(refused.errorMessage).not.toContain('PAT-7999');
    expect(await env.store.encounters.get('ENC-7999')).toBeNull();
  });

  it('the payer acknowledges and pays; the lifecycle settles the claim and the patient owes her share', async () => {
    await env.stack.advanceClock(2 * HOUR);
    await env.stack.advanceClock(8 * DAY);
    const timeline = await call<{ executions: { name: string; status: string }[] }>('GetClaimTimeline', { ...asManager, claimId });
    expect(timeline.executions[0]).toMatchObject({ name: 'life-CLM-ENC-7001', status: 'SUCCEEDED' });
    expect((await env.store.claims.get(claimId))?.claim.status).toBe('paid');
  });
});

describe('the cashier', () => {
  const claimId = 'CLM-ENC-7001';
  let patientShare: number;

  it('takes the patient share by card, applied to the claim; the answer gives the balances after it', async () => {
    const ledger = await env.store.ledger.getLedger(rosa.accountId);
    patientShare = ledger.balances.patient;
    expect(patientShare).toBeGreaterThan(0);
    const paid = await call('RecordPatientPayment', {
      ...asCashier,
      paymentId: 'RCPT-55001',
      patientId: rosa.patientId,
      kind: 'payment',
      method: 'card',
      reference: 'AUTH 8842',
      amountCents: patientShare,
      claimId,
    });
    expect(paid).toMatchObject({
      paymentId: 'RCPT-55001',
      accountId: rosa.accountId,
      status: 'recorded',
      balances: { patient: 0 },
      claimBalances: { patient: 0 },
      patientPaidCents: patientShare,
      patientRefundedCents: 0,
    });
  });

  it('a double click records nothing twice; the receipt number reused for another amount is refused', async () => {
    const again = await call('RecordPatientPayment', {
      ...asCashier,
      paymentId: 'RCPT-55001',
      patientId: rosa.patientId,
      kind: 'payment',
      method: 'card',
      reference: 'AUTH 8842',
      amountCents: patientShare,
      claimId,
    });
    expect(again).toMatchObject({ status: 'already-recorded', balances: { patient: 0 }, patientPaidCents: patientShare });
    const other = await failure('RecordPatientPayment', {
      ...asCashier,
      paymentId: 'RCPT-55001',
      patientId: rosa.patientId,
      kind: 'payment',
      method: 'cash',
      amountCents: 100,
    });
    expect(other.errorType).toBe('IdempotencyConflictError');
    const ledger = await env.store.ledger.getLedger(rosa.accountId);
    expect(ledger.entries.filter((e) => e.kind === 'patient-payment')).toHaveLength(1);
  });

  it('refunds part of it; a refund of more than remains paid is refused with what can be refunded', async () => {
    const refund = await call('RecordPatientPayment', {
      ...asCashier,
      paymentId: 'RFND-901',
      patientId: rosa.patientId,
      kind: 'refund',
      method: 'card',
      amountCents: 1_000,
      claimId,
    });
    expect(refund).toMatchObject({
      status: 'recorded',
      balances: { patient: 1_000 },
      patientPaidCents: patientShare,
      patientRefundedCents: 1_000,
    });
    const tooMuch = await failure('RecordPatientPayment', {
      ...asCashier,
      paymentId: 'RFND-902',
      patientId: rosa.patientId,
      kind: 'refund',
      method: 'card',
      amountCents: patientShare,
    });
    expect(tooMuch.errorType).toBe('RefundTooLargeError');
    expect(tooMuch.errorMessage).toContain(`(${patientShare - 1_000} cents)`);
  });

  it('a card number in the reference is refused before anything is stored', async () => {
    const refused = await failure('RecordPatientPayment', {
      ...asCashier,
      paymentId: 'RCPT-55002',
      patientId: rosa.patientId,
      kind: 'payment',
      method: 'card',
      reference: '4111 1111 1111 1111',
      amountCents: 500,
    });
    expect(refused.errorType).toBe('InputValidationError');
    expect(refused.errorMessage).toContain('reference');
    expect(refused.errorMessage).not.toContain('4111');
  });
});

describe('the billing manager', () => {
  it('lists claims by status, payer and age, a page at a time; a token of another query is refused', async () => {
    for (const [id, date] of [
      ['ENC-7101', '2026-01-05'],
      ['ENC-7102', '2026-01-14'],
    ] as const)
      await call('CaptureEncounter', capture(visit(id, omar, date, [['99213', 9_000]])));
    await env.stack.settle();
    // Both of Omar's claims wait for the payer's acknowledgement; Rosa's is paid.
    const submitted = await call<{ claims: { claimId: string; daysSinceService: number }[] }>('ListClaims', {
      ...asManager,
      status: 'submitted',
      payerId: COMMERCIAL.payerId,
    });
    expect(submitted.claims.map((c) => c.claimId)).toEqual(['CLM-ENC-7101', 'CLM-ENC-7102']);

    const first = await call<{ claims: { claimId: string }[]; nextToken?: string }>('ListClaims', { ...asManager, limit: 2 });
    const second = await call<{ claims: { claimId: string }[]; nextToken?: string }>('ListClaims', {
      ...asManager,
      limit: 2,
      nextToken: first.nextToken,
    });
    const all = [...first.claims, ...second.claims].map((c) => c.claimId);
    expect(all.sort()).toEqual(['CLM-ENC-7001', 'CLM-ENC-7101', 'CLM-ENC-7102']);
    expect(second.nextToken).toBeUndefined();

    // Age since service: the clock stands about 9 days after Omar's later visit, 24 after his earlier one.
    const today = new Date(env.stack.clock.now()).toISOString().slice(0, 10);
    const old = await call<{ claims: { claimId: string; daysSinceService: number }[] }>('ListClaims', {
      ...asManager,
      age: { since: 'service', minDays: 20 },
    });
    expect(old.claims.map((c) => c.claimId)).toEqual(['CLM-ENC-7101']);
    expect(old.claims[0]!.daysSinceService).toBe(Math.round((Date.parse(today) - Date.parse('2026-01-05')) / DAY));
    const recentlySent = await call<{ claims: { claimId: string }[] }>('ListClaims', {
      ...asManager,
      age: { since: 'submission', maxDays: 0 },
    });
    expect(recentlySent.claims.map((c) => c.claimId).sort()).toEqual(['CLM-ENC-7101', 'CLM-ENC-7102']);

    const foreign = await failure('ListClaims', { ...asManager, status: 'paid', limit: 2, nextToken: first.nextToken });
    expect(foreign.errorType).toBe('InputValidationError');
    expect(foreign.errorMessage).toContain('nextToken');
    expect((await failure('ListClaims', { ...asManager, nextToken: 'bm90IG91cnM' })).errorMessage).toContain('nextToken');
  });

  it("reads a claim's timeline: its events in order, each with the execution that recorded it", async () => {
    const timeline = await call<{
      status: string;
      events: { type: string; at: string; executionId?: string }[];
      executions: { executionArn: string; name: string; status: string; eventsRecorded: number }[];
    }>('GetClaimTimeline', { ...asManager, claimId: 'CLM-ENC-7001' });
    expect(timeline.status).toBe('paid');
    expect(timeline.events.map((e) => e.type)).toEqual(['created', 'scrubbed', 'submitted', 'acknowledged', 'acknowledged', 'adjudicated']);
    expect(timeline.events.filter((e) => e.type === 'acknowledged').map((e) => (e as { source?: string }).source)).toEqual([
      '999',
      '277CA',
    ]);
    const ats = timeline.events.map((e) => e.at);
    expect([...ats].sort()).toEqual(ats);
    const life = lifecycleArn(env, 'life-CLM-ENC-7001');
    expect(timeline.events.find((e) => e.type === 'scrubbed')?.executionId).toBe(life);
    expect(timeline.executions).toEqual([
      expect.objectContaining({
        executionArn: life,
        name: 'life-CLM-ENC-7001',
        status: 'SUCCEEDED',
        eventsRecorded: timeline.events.filter((e) => e.executionId === life).length,
      }),
    ]);

    const unknown = await failure('GetClaimTimeline', { ...asManager, claimId: 'CLM-NOBODY-1' });
    expect(unknown.errorType).toBe('RecordNotFoundError');
    expect(unknown.errorMessage).not.toContain('CLM-NOBODY-1');
  });
});
