import { describe, expect, it } from 'vitest';
import { parseX12, sequentialControlNumbers, TS270, TS271, TS276, TS277, writeInterchange } from '#functions/x12/index.ts';
import type { ClaimStatus276, ClaimStatus277, Eligibility27x, InterchangeParties, TransactionSetDef } from '#functions/x12/index.ts';
import { adjudicate } from '#functions/payers/sandbox/adjudicate.ts';
import { answer270, answer276, bpsToDecimal } from '#functions/payers/sandbox/inquiries.ts';
import { SANDBOX_COMMERCIAL } from '#functions/payers/sandbox/profiles.ts';
import { emptyState } from '#functions/payers/sandbox/state.ts';
import type { ClaimAdjudication } from '#functions/payers/sandbox/types.ts';
import { claim, line } from '#test/fixtures/payers/sandbox/claims.ts';

const plan = SANDBOX_COMMERCIAL;
const PARTIES: InterchangeParties = {
  senderQualifier: 'ZZ',
  senderId: 'X',
  receiverQualifier: 'ZZ',
  receiverId: 'Y',
  date: '20260120',
  time: '1000',
  usageIndicator: 'T',
};

/** Writes a model and reads it back strictly: the test fails on any guide error. */
function roundTrip<T>(def: TransactionSetDef, model: T): T {
  const r = parseX12(writeInterchange(PARTIES, [{ def, model: model as unknown as Record<string, unknown> }], sequentialControlNumbers()), {
    strict: true,
  });
  const t = r.transactions[0];
  expect([...r.findings, ...(t?.findings ?? [])].filter((f) => f.severity === 'error')).toEqual([]);
  return t?.model as unknown as T;
}

function inquiry(memberIds: string[]): Eligibility27x {
  return {
    beginning: { purposeCode: '13', referenceId: 'ELIG0001', date: '20260120', time: '0930', transactionTypeCode: 'RT' },
    sources: [
      {
        source: { entityCode: 'PR', entityType: '2', lastName: 'SANDBOX', idQualifier: 'PI', id: plan.payerId },
        receivers: [
          {
            receiver: { entityCode: '1P', entityType: '2', lastName: 'EXAMPLE GENERAL HOSPITAL', idQualifier: 'XX', id: '1234567893' },
            subscribers: memberIds.map((id, i) => ({
              traces: [{ traceType: '1', traceNumber: `TRACE${i}`, originatorId: '9123456789' }],
              member: {
                entityType: '1',
                lastName: 'DOE',
                firstName: 'JAN',
                idQualifier: 'MI',
                id,
                dates: [{ qualifier: '291', format: 'D8', value: '20260120' }],
                inquiries: [{ serviceTypes: ['30'] }],
              },
            })),
          },
        ],
      },
    ],
  };
}

/** A 276 from the example hospital's billing office to the sandbox payer, asking about `providers`. */
function request276(referenceId: string, providers: StatusProviders276): ClaimStatus276 {
  return {
    beginning: { purposeCode: '13', referenceId, date: '20260120', time: '0930' },
    sources: [
      {
        name: { entityCode: 'PR', entityType: '2', lastName: 'SANDBOX', idQualifier: 'PI', id: plan.payerId },
        receivers: [
          {
            name: { entityCode: '41', entityType: '2', lastName: 'EXAMPLE HOSPITAL BILLING', idQualifier: '46', id: 'SUB12345' },
            providers,
          },
        ],
      },
    ],
  };
}

/** The providers (2000C) a 276 asks about. */
type StatusProviders276 = NonNullable<ClaimStatus276['sources'][number]['receivers'][number]['providers']>;

describe('sandbox 271', () => {
  it('answers a 270 with coverage, deductible, coinsurance, copay and out-of-pocket (with remaining amounts)', () => {
    const req = roundTrip(TS270, inquiry(['STD400', 'TERM400', 'NF400']));
    const res = roundTrip(TS271, answer270(req, plan, emptyState(), '2026-01-20', '1000'));
    const subs = res.sources[0]?.receivers[0]?.subscribers ?? [];
    expect(subs[0]?.traces).toEqual([{ traceType: '2', traceNumber: 'TRACE0', originatorId: '9123456789' }]);
    const benefits = subs[0]?.member.benefits ?? [];
    expect(benefits.map((b) => [b.benefitCode, b.timePeriod ?? '', b.amountCents ?? b.percent ?? ''])).toEqual([
      ['1', '', ''],
      ['C', '23', 50000],
      ['C', '29', 30000],
      ['A', '', '0.2'],
      ['G', '23', 300000],
      ['G', '29', 260000],
      ['B', '27', 2500],
      ['C', '23', 100000],
      ['A', '', '0.4'],
      ['1', '', ''],
    ]);
    expect(benefits.filter((b) => b.inPlanNetwork === 'N').map((b) => b.benefitCode)).toEqual(['C', 'A']);
    expect(subs[1]?.member.benefits).toEqual([{ benefitCode: '6', coverageLevel: 'IND', serviceTypes: ['30'] }]);
    // The plan's end is the member's date (2100C), not the inactive benefit's (X279A1 lists 347 in 2100C only).
    expect(subs[1]?.member.dates?.find((d) => d.qualifier === '347')).toEqual({ qualifier: '347', format: 'D8', value: '20201231' });
    expect(subs[2]?.member.requestErrors).toEqual([{ validRequest: 'Y', rejectReasonCode: '75', followUpActionCode: 'C' }]);
    expect(subs[2]?.member.benefits).toBeUndefined();
  });

  it('answers each service type asked (EQ01) with its coinsurance in and out of network and the visit copay', () => {
    const asked = inquiry(['STD402']);
    asked.sources[0]!.receivers[0]!.subscribers![0]!.member.inquiries = [
      { serviceTypes: ['30'] },
      { serviceTypes: ['98'] },
      { serviceTypes: ['86'] },
    ];
    const res = roundTrip(TS271, answer270(roundTrip(TS270, asked), plan, emptyState(), '2026-01-20', '1000'));
    const benefits = res.sources[0]?.receivers[0]?.subscribers?.[0]?.member.benefits ?? [];
    const of = (type: string) =>
      benefits
        .filter((b) => b.serviceTypes?.includes(type))
        .map((b) => [b.benefitCode, b.inPlanNetwork ?? '', b.amountCents ?? b.percent ?? '']);
    expect(of('86')).toEqual([
      ['A', 'Y', '0.2'],
      ['A', 'N', '0.4'],
      ['B', 'Y', 10000],
    ]);
    expect(of('98')).toContainEqual(['B', 'Y', 2500]);
  });

  it('reports the accumulators as claims move them', () => {
    const r = adjudicate(claim('DED401', [line('99214', 13000)]), plan, emptyState(), { today: '2026-01-20' });
    const res = answer270(inquiry(['DED401']), plan, r.state, '2026-01-20', '1000');
    const remaining = res.sources[0]?.receivers[0]?.subscribers?.[0]?.member.benefits?.find(
      (b) => b.benefitCode === 'C' && b.timePeriod === '29',
    );
    expect(remaining?.amountCents).toBe(100000 - 13000);
  });

  it('formats basis points as exact decimals', () => {
    expect([0, 2000, 1250, 10000, 1].map(bpsToDecimal)).toEqual(['0', '0.2', '0.125', '1', '0.0001']);
  });
});

describe('sandbox 277', () => {
  it('answers a 276 per claim: paid (F1), denied (F2), pended (P1), rejected (A3), not found (A4)', () => {
    let state = emptyState();
    const claims = [
      claim('FULL410', [line('99213', 9000)]),
      claim('TERM410', [line('99213', 9000)]),
      claim('PEND410', [line('99213', 9000)]),
      claim('NF410', [line('99213', 9000)]),
    ];
    for (const c of claims) state = adjudicate(c, plan, state, { today: '2026-01-20' }).state;
    const paid = state.latest[`${plan.payerId}|PCN-FULL410`] as ClaimAdjudication;
    const pcns = [...claims.map((c) => c.patientControlNumber), 'PCN-UNKNOWN'];
    // The claim the payer does not know is asked with a payer claim number the provider holds.
    const asked = (pcn: string) => (pcn === 'PCN-UNKNOWN' ? [{ qualifier: '1K', value: 'ICN-GUESS' }] : []);
    const req = request276('STAT0001', [
      {
        name: [{ entityCode: '1P', entityType: '2', lastName: 'EXAMPLE GENERAL HOSPITAL', idQualifier: 'XX', id: '1234567893' }],
        subscribers: pcns.map((pcn) => ({
          levelCode: '22',
          name: { entityCode: 'IL', entityType: '1', lastName: 'DOE', firstName: 'JAN', idQualifier: 'MI', id: 'M1' },
          claims: [
            {
              traceType: '1',
              traceNumber: pcn,
              references: [...asked(pcn), { qualifier: 'EJ', value: pcn }],
              dates: [{ qualifier: '472', format: 'RD8', value: '20260105-20260105' }],
            },
          ],
        })),
      },
    ]);
    const res = roundTrip(TS277, answer276(roundTrip(TS276, req), plan, state, '2026-01-21', '1000'));
    const tracks = res.sources[0]?.receivers[0]?.providers?.[0]?.subscribers?.map((s) => s.claims?.[0]);
    expect(tracks?.map((t) => t?.statuses?.[0]?.status)).toEqual([
      { categoryCode: 'F1', statusCode: '65' },
      { categoryCode: 'F2', statusCode: '88', entityCode: 'QC' },
      { categoryCode: 'P1', statusCode: '20' },
      { categoryCode: 'A3', statusCode: '33', entityCode: 'IL' },
      { categoryCode: 'A4', statusCode: '35' },
    ]);
    expect(tracks?.[0]?.statuses?.[0]).toMatchObject({ chargeCents: 9000, paymentCents: 9000, adjudicationDate: '20260120' });
    expect(tracks?.[0]?.references?.[0]).toEqual({ qualifier: '1K', value: paid.payerClaimControlNumber });
    // Not found: the 1K it was asked with is not echoed as if it were the payer's claim number.
    expect(tracks?.[4]?.references).toEqual([{ qualifier: 'EJ', value: 'PCN-UNKNOWN' }]);
  });

  it('answers with what a 277 carries: no DMG, only the 277 references, both provider names; the model round-trips unchanged with no finding', () => {
    let state = emptyState();
    state = adjudicate(claim('FULL420', [line('99213', 9000)]), plan, state, { today: '2026-01-20' }).state;
    const subscriber = { entityType: '1', lastName: 'DOE', firstName: 'JAN', idQualifier: 'MI', id: 'M1' };
    const track = (pcn: string) => ({
      traceType: '1',
      traceNumber: pcn,
      // LU and 6P are the 276's only; BLT and EJ the 277 carries too.
      references: [
        { qualifier: 'BLT', value: '131' },
        { qualifier: 'LU', value: 'LOC1' },
        { qualifier: '6P', value: 'GRP-7001' },
        { qualifier: 'EJ', value: pcn },
      ],
      amounts: [{ qualifier: 'T3', amountCents: 9000 }],
      dates: [{ qualifier: '472', format: 'RD8', value: '20260105-20260105' }],
    });
    const req = request276('STAT0002', [
      {
        // Two 2100C, as X212 allows: the NPI and the tax id.
        name: [
          { entityCode: '1P', entityType: '2', lastName: 'EXAMPLE GENERAL HOSPITAL', idQualifier: 'XX', id: '1234567893' },
          { entityCode: '1P', entityType: '2', lastName: 'EXAMPLE GENERAL HOSPITAL', idQualifier: 'FI', id: '071234567' },
        ],
        subscribers: [
          // The subscriber is the patient: DMG in 2000D.
          {
            levelCode: '22',
            demographics: { format: 'D8', dateOfBirth: '19810630', gender: 'F' },
            name: { entityCode: 'IL', ...subscriber },
            claims: [track('PCN-FULL420')],
          },
          // A dependent patient: DMG in 2000E, required there.
          {
            levelCode: '22',
            name: { entityCode: 'IL', ...subscriber, id: 'M2' },
            dependents: [
              {
                demographics: { format: 'D8', dateOfBirth: '20150903', gender: 'M' },
                name: { entityType: '1', lastName: 'DOE', firstName: 'CASEY' },
                claims: [track('PCN-DEP420')],
              },
            ],
          },
        ],
      },
    ]);
    const request = roundTrip(TS276, req);
    expect(request).toEqual(req);
    const answer: ClaimStatus277 = answer276(request, plan, state, '2026-01-21', '1000');
    expect(JSON.stringify(answer)).not.toContain('demographics');
    // The information receiver is answered under its name, NM101 41 (2100B) kept in the model.
    expect(answer.sources[0]?.receivers[0]?.name).toMatchObject({ entityCode: '41', idQualifier: '46', id: 'SUB12345' });
    // The provider is answered under the names it was asked with, both of them.
    expect(answer.sources[0]?.receivers[0]?.providers?.[0]?.name.map((n) => n.idQualifier)).toEqual(['XX', 'FI']);
    const subscribers = answer.sources[0]?.receivers[0]?.providers?.[0]?.subscribers;
    const paid = state.latest[`${plan.payerId}|PCN-FULL420`] as ClaimAdjudication;
    expect(subscribers?.[0]?.claims?.[0]?.references).toEqual([
      { qualifier: '1K', value: paid.payerClaimControlNumber },
      { qualifier: 'BLT', value: '131' },
      { qualifier: 'EJ', value: 'PCN-FULL420' },
    ]);
    expect(subscribers?.[1]?.dependents?.[0]?.claims?.[0]?.references).toEqual([
      { qualifier: 'BLT', value: '131' },
      { qualifier: 'EJ', value: 'PCN-DEP420' },
    ]);
    // Written and read back: the same model, and not one finding (warnings included).
    const r = parseX12(
      writeInterchange(PARTIES, [{ def: TS277, model: answer as unknown as Record<string, unknown> }], sequentialControlNumbers()),
    );
    expect([...r.findings, ...(r.transactions[0]?.findings ?? [])]).toEqual([]);
    expect(r.transactions[0]?.model).toEqual(answer);
  });
});
