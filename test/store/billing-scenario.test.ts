/**
 * A billing team's month for one visit, end to end over DynamoDB Local: the clerk registers
 * coverage, the claim is scrubbed and submitted, the payer's 835 pays one line and denies the
 * other for medical necessity, the payment posts (twice, as the file is re-dropped), the denial
 * is classified and an appeal is queued before its deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePosting } from '#functions/accounts/index.ts';
import { postingsForRemittanceClaim } from '#functions/remittance/posting-plan.ts';
import { classify } from '#functions/denials/index.ts';
import { loadIcd10CmCodeSetFile, sampleCodeSetPath } from '#functions/claims/code-set-file.ts';
import { scrubClaim } from '#functions/claims/index.ts';
import { CapacityMeter, createStore, documentClient, type Store } from '#functions/store/index.ts';
import type { Remittance } from '#schemas/remittance.ts';
import { billingProvider, coverage, patient, payerProfile, professionalClaim } from '#test/fixtures/accounts/builders.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';

let table: TestTable;
let store: Store;
const meter = new CapacityMeter();
beforeAll(async () => {
  table = await createTestTable();
  store = createStore(documentClient(table.client), table.tableName, meter);
});
afterAll(async () => {
  await table.drop();
});

const remittance: Remittance = {
  remittanceId: 'RMT-2026-04-10-1',
  payerId: 'PAYER-ACME',
  traceNumber: '1TRN0001',
  totalPaymentCents: 11_000,
  paymentMethod: 'ACH',
  paymentDate: '2026-04-10',
  receivedAt: '2026-04-10T05:00:00Z',
  providerAdjustments: [],
  claims: [
    {
      patientControlNumber: 'PCN-1',
      statusCode: '1',
      chargeCents: 22_700,
      paidCents: 11_000,
      patientResponsibilityCents: 2_000,
      payerClaimControlNumber: 'ICN-2026-0001',
      adjustments: [],
      remarks: [],
      lines: [
        {
          lineNumber: 1,
          procedureCode: '99214',
          modifiers: ['25'],
          chargeCents: 18_500,
          paidCents: 11_000,
          adjustments: [
            { group: 'CO', reasonCode: '45', amountCents: 5_500 },
            { group: 'PR', reasonCode: '2', amountCents: 2_000 },
          ],
          remarks: [],
        },
        {
          lineNumber: 2,
          procedureCode: '83036',
          modifiers: [],
          chargeCents: 4_200,
          paidCents: 0,
          adjustments: [{ group: 'CO', reasonCode: '50', amountCents: 4_200 }],
          remarks: ['N115'],
        },
      ],
    },
  ],
};

describe('one visit from claim to appeal', () => {
  it('runs the whole cycle and every balance, status and queue is where the team expects', async () => {
    const profile = payerProfile();
    await store.reference.putPayerProfile(profile);
    await store.reference.putProvider(billingProvider());
    await store.patients.putPatient(patient());
    await store.patients.putCoverage(coverage());

    // charge entry and claim
    const claim = professionalClaim();
    await store.claims.create(claim, '2026-03-03T08:00:00Z');
    await store.ledger.post(
      makePosting('ACC-1', `charge|${claim.claimId}`, '2026-03-03T08:00:00Z', [
        { kind: 'charge', claimId: claim.claimId, splits: [{ responsibility: 'primary', amountCents: claim.totalChargeCents }] },
      ]),
    );

    // scrub with what the store holds
    const record = await store.patients.getPatientRecord('PAT-1');
    const provider = await store.reference.getProvider('PRV-BILL');
    const scrub = scrubClaim({
      claim,
      coverages: record?.coverages ?? [],
      providers: provider ? [provider] : [],
      payerProfile: profile,
      authorizations: record?.authorizations ?? [],
      otherClaims: [],
      codeSet: loadIcd10CmCodeSetFile(sampleCodeSetPath),
      today: '2026-03-04',
    });
    expect(scrub.findings).toEqual([]);
    await store.claims.recordEvent({
      type: 'scrubbed',
      eventId: 'ev-scrub',
      claimId: claim.claimId,
      at: '2026-03-04T09:00:00Z',
      errorCount: 0,
      warningCount: 0,
    });
    await store.claims.recordEvent({
      type: 'submitted',
      eventId: 'ev-submit',
      claimId: claim.claimId,
      at: '2026-03-04T10:00:00Z',
      interchangeControlNumber: '000000042',
    });

    // the 835 lands twice (re-dropped file); the second time posts nothing
    for (let drop = 0; drop < 2; drop += 1) {
      const saved = await store.remittances.save(remittance);
      expect(saved).toBe(drop === 0 ? 'saved' : 'duplicate');
      const [remitted] = (await store.remittances.findByTraceNumber('1TRN0001'))[0]?.claims ?? [];
      if (!remitted) throw new Error('remittance claim missing');
      const [match] = await store.claims.findByPatientControlNumber(remitted.patientControlNumber);
      if (!match) throw new Error('claim not matched');
      const { postings, held } = postingsForRemittanceClaim({
        accountId: match.accountId,
        claimId: match.claimId,
        payerId: remittance.payerId,
        traceNumber: remittance.traceNumber,
        claim: remitted,
        payerResponsibility: 'primary',
        patientResponsibilityTo: 'patient',
        postedAt: '2026-04-10T06:00:00Z',
      });
      // line 1 posts; line 2's CO-50 denial is held on the payer's balance for the appeal
      expect(held.map((h) => h.line)).toEqual([2]);
      const outcomes = await Promise.all(postings.map((p) => store.ledger.post(p)));
      expect(outcomes.map((o) => o.status)).toEqual(drop === 0 ? ['posted'] : ['already-posted']);
      const recorded = await store.claims.recordEvent({
        type: 'adjudicated',
        eventId: `ev-remit-${remittance.remittanceId}`,
        claimId: match.claimId,
        at: '2026-04-10T06:00:00Z',
        remittanceId: remittance.remittanceId,
        payerClaimControlNumber: remitted.payerClaimControlNumber,
        claimStatusCode: remitted.statusCode,
        paidCents: remitted.paidCents,
        patientResponsibilityCents: remitted.patientResponsibilityCents,
        deniedLineCount: remitted.lines.filter((l) => l.paidCents === 0).length,
      });
      expect(recorded.status).toBe(drop === 0 ? 'recorded' : 'already-recorded');
    }

    const ledger = await store.ledger.getLedger('ACC-1');
    // 22,700 charged − 11,000 paid − 5,500 CO-45 → 6,200 left: 4,200 denied line still with the payer, 2,000 with the patient
    expect(ledger.balances).toEqual({ primary: 4_200, secondary: 0, tertiary: 0, patient: 2_000 });
    expect(ledger.entries.map((e) => e.kind)).toEqual(['charge', 'insurance-payment', 'contractual-adjustment', 'transfer']);

    // the denied line: classify and queue an appeal
    const denied = remittance.claims[0]?.lines[1];
    if (!denied) throw new Error('line 2 missing');
    const decision = classify(denied.adjustments, denied.remarks, profile, {
      claimId: claim.claimId,
      remitDate: remittance.paymentDate,
      serviceDateFrom: '2026-03-02',
    });
    expect(decision).toMatchObject({ category: 'appealable', action: 'appeal', deadline: { date: '2026-10-07' } });
    await store.claims.putAppeal({
      appealId: 'APL-1',
      claimId: claim.claimId,
      accountId: 'ACC-1',
      payerId: profile.payerId,
      level: 1,
      status: 'awaiting-approval',
      dueDate: decision.deadline?.date ?? '',
      reasonCodes: ['CO-50', 'N115'],
      evidence: [...decision.evidence],
      disputedCents: 4_200,
      createdAt: '2026-04-10T07:00:00Z',
    });
    await store.claims.recordEvent({
      type: 'appealed',
      eventId: 'ev-appeal',
      claimId: claim.claimId,
      at: '2026-04-11T07:00:00Z',
      appealId: 'APL-1',
      level: 1,
    });

    expect((await store.claims.listAppealsDueBefore('2026-11-01')).map((a) => a.appealId)).toEqual(['APL-1']);
    const final = await store.claims.get(claim.claimId);
    expect(final?.claim.status).toBe('appealed');
    expect(final?.timeline.map((e) => e.type)).toEqual(['created', 'scrubbed', 'submitted', 'adjudicated', 'appealed']);
    expect((await store.claims.findByPayerClaimNumber('PAYER-ACME', 'ICN-2026-0001')).map((c) => c.claimId)).toEqual(['CLM-1']);
    expect((await store.claims.listByStatus('appealed')).map((c) => c.claimId)).toEqual(['CLM-1']);

    // what the month cost in DynamoDB capacity for this one claim
    expect(meter.totals().capacityUnits).toBeGreaterThan(0);
  });
});
