import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { balance835, claimsOf, parseX12, sequentialControlNumbers } from '#functions/x12/index.ts';
import type { InterchangeParties, Remittance835 } from '#functions/x12/index.ts';
import { adjudicate, priorPayerFrom } from '#functions/payers/sandbox/adjudicate.ts';
import { buildPayment, interestFor, write835 } from '#functions/payers/sandbox/emit835.ts';
import type { Payment, PaymentOptions } from '#functions/payers/sandbox/emit835.ts';
import { SANDBOX_COMMERCIAL, SANDBOX_SECONDARY } from '#functions/payers/sandbox/profiles.ts';
import { emptyState } from '#functions/payers/sandbox/state.ts';
import type { SandboxState } from '#functions/payers/sandbox/state.ts';
import type { ClaimAdjudication, SandboxClaim } from '#functions/payers/sandbox/types.ts';
import { claim, line, PAYEE } from '#test/fixtures/payers/sandbox/claims.ts';

const plan = SANDBOX_COMMERCIAL;
const PARTIES: InterchangeParties = {
  senderQualifier: 'ZZ',
  senderId: 'SBXCOMM01',
  receiverQualifier: 'ZZ',
  receiverId: 'RCMSUBMITTER',
  date: '20260220',
  time: '0800',
  usageIndicator: 'T',
};
const OPTS: PaymentOptions = { paymentDate: '2026-02-20', traceNumber: 'EFT0001', method: 'ACH', payee: PAYEE };

function readBack(text: string): { remit: Remittance835; errors: unknown[] } {
  const r = parseX12(text, { strict: true });
  const t = r.transactions[0];
  const errors = [...r.findings, ...(t?.findings ?? [])].filter((f) => f.severity === 'error');
  return { remit: t?.model as unknown as Remittance835, errors };
}

function adjudicateAll(
  claims: SandboxClaim[],
  today: string,
  receivedDate: string,
  start: SandboxState = emptyState(),
): { adjudications: ClaimAdjudication[]; state: SandboxState } {
  let state = start;
  const adjudications: ClaimAdjudication[] = [];
  for (const c of claims) {
    const r = adjudicate(c, plan, state, { today, receivedDate });
    state = r.state;
    for (const o of r.outcomes) if (o.kind === 'adjudicated') adjudications.push(o);
  }
  return { adjudications, state };
}

function expectWrittenAndBalanced(p: Payment): Remittance835 {
  const text = write835([p], PARTIES, sequentialControlNumbers());
  const { remit, errors } = readBack(text);
  expect(errors).toEqual([]);
  const b = balance835(remit);
  expect(b.findings).toEqual([]);
  expect(b.balanced).toBe(true);
  expect(b.totalPaymentCents).toBe(p.totalPaymentCents);
  return remit;
}

describe('sandbox 835', () => {
  it('batches several claims under one EFT with CAS, LQ and MOA, and balances', () => {
    const { adjudications } = adjudicateAll(
      [
        claim('FULL100', [line('99213', 9000)]),
        claim('STD100', [line('99214', 20000), line('85025', 1500)]),
        claim('FULL101', [line('72148', 42000)], { diagnoses: ['M545'] }),
        claim('TERM100', [line('99213', 9000)]),
      ],
      '2026-01-20',
      '2026-01-15',
    );
    const p = buildPayment(adjudications, plan, OPTS);
    const remit = expectWrittenAndBalanced(p);
    expect(remit.payment).toMatchObject({ paymentMethod: 'ACH', creditDebitFlag: 'C', totalPaymentCents: p.totalPaymentCents });
    expect(remit.trace).toMatchObject({ checkOrEftNumber: 'EFT0001', originatorId: plan.originatorId });
    const claims = claimsOf(remit);
    expect(claims.map((c) => c.statusCode)).toEqual(['1', '1', '4', '4']);
    expect(claims[2]?.services?.[0]?.remarks).toEqual([{ codeListQualifier: 'HE', code: 'M62' }]);
    expect(claims[2]?.services?.[0]?.adjustments).toEqual([{ groupCode: 'CO', adjustments: [{ reasonCode: '197', amountCents: 42000 }] }]);
    expect(claims[3]?.outpatientAdjudication).toEqual({ remarkCode1: 'N30' });
    expect(claims[1]?.services?.[0]?.adjustments).toEqual([
      { groupCode: 'CO', adjustments: [{ reasonCode: '45', amountCents: 7000 }] },
      { groupCode: 'PR', adjustments: [{ reasonCode: '1', amountCents: 13000 }] },
    ]);
  });

  it('adds prompt-pay interest as PLB L6 (negative: it increases the payment), rounded half up', () => {
    const { adjudications } = adjudicateAll([claim('FULL110', [line('99215', 18000)])], '2026-02-20', '2026-01-01');
    // 50 days after receipt, 30 prompt-pay days: 20 days late at 12%: 180.00 × 0.12 × 20 / 365 = 1.1835... → 1.18.
    expect(interestFor(adjudications[0] as ClaimAdjudication, plan, '2026-02-20')).toBe(118);
    const p = buildPayment(adjudications, plan, OPTS);
    expect(p.totalPaymentCents).toBe(18118);
    const remit = expectWrittenAndBalanced(p);
    expect(remit.providerAdjustments?.[0]?.adjustments).toEqual([
      { reason: { code: 'L6', referenceId: (adjudications[0] as ClaimAdjudication).payerClaimControlNumber }, amountCents: -118 },
    ]);
  });

  it('a reversal larger than the payment becomes a zero payment with a forward balance (FB), recovered next time (WO)', () => {
    const first = adjudicateAll([claim('FULL120', [line('29881', 95000)], { authorizationNumber: 'A1' })], '2026-01-20', '2026-01-15');
    const orig = first.adjudications[0] as ClaimAdjudication;
    expect(orig.paidCents).toBe(95000);
    // Void it: the payer takes back 950.00 and has nothing to take it from.
    const voided = adjudicateAll(
      [
        claim('FULL120', [line('29881', 95000)], {
          frequencyCode: '8',
          originalPayerClaimNumber: orig.payerClaimControlNumber,
          authorizationNumber: 'A1',
        }),
      ],
      '2026-02-20',
      '2026-02-18',
      first.state,
    );
    const p1 = buildPayment(voided.adjudications, plan, { ...OPTS, traceNumber: 'EFT0002' });
    expect(p1.totalPaymentCents).toBe(0);
    expect(p1.carriedBalanceCents).toBe(95000);
    const r1 = expectWrittenAndBalanced(p1);
    expect(r1.payment.paymentMethod).toBe('NON');
    expect(claimsOf(r1)[0]?.statusCode).toBe('22');
    expect(r1.providerAdjustments?.[0]?.adjustments).toEqual([{ reason: { code: 'FB', referenceId: 'EFT0002' }, amountCents: -95000 }]);
    // Next payment: 1800.00 of claims, 950.00 recovered.
    const next = adjudicateAll(
      [claim('FULL121', [line('27447', 180000)], { authorizationNumber: 'A2' })],
      '2026-03-01',
      '2026-02-28',
      voided.state,
    );
    const p2 = buildPayment(next.adjudications, plan, {
      ...OPTS,
      traceNumber: 'EFT0003',
      paymentDate: '2026-03-01',
      carriedBalanceCents: p1.carriedBalanceCents,
      recoupments: [{ payerClaimControlNumber: 'OLD0001', amountCents: 500 }],
    });
    expect(p2.totalPaymentCents).toBe(180000 - 95000 - 500);
    expect(p2.carriedBalanceCents).toBe(0);
    const r2 = expectWrittenAndBalanced(p2);
    expect(r2.providerAdjustments?.[0]?.adjustments.map((a) => a.reason.code)).toEqual(['WO', 'WO']);
  });

  it('writes several payments into one interchange (one ST..SE each)', () => {
    const a = adjudicateAll([claim('FULL130', [line('99213', 9000)])], '2026-01-20', '2026-01-15');
    const b = adjudicateAll([claim('FULL131', [line('99212', 5500)])], '2026-01-20', '2026-01-15');
    const text = write835(
      [buildPayment(a.adjudications, plan, OPTS), buildPayment(b.adjudications, plan, { ...OPTS, traceNumber: 'CHK0001', method: 'CHK' })],
      PARTIES,
      sequentialControlNumbers(),
    );
    const r = parseX12(text, { strict: true });
    expect(r.valid).toBe(true);
    expect(r.transactions.map((t) => t.balance?.balanced)).toEqual([true, true]);
    // ST03 is Not Used in X221A1: the version travels in GS08 only.
    expect(text.match(/^ST\*[^~]*/gm)).toEqual(['ST*835*0001', 'ST*835*0002']);
    expect(r.transactions.map((t) => t.guide)).toEqual(['005010X221A1', '005010X221A1']);
  });
});

// Generated claim batches: any mix of members, codes, modifiers, units, corrections and voids.
const CODES = [
  '99213',
  '99214',
  '99215',
  '85025',
  '93000',
  '93010',
  '97110',
  '72148',
  '29881',
  '20610',
  '15780',
  '36415',
  '81002',
  'J3301',
];
const MEMBERS = ['FULL', 'DED', 'COPAY', 'OOP', 'TERM', 'COB', 'STD', 'PEND'];
const lineArb = fc.record({
  procedureCode: fc.constantFrom(...CODES),
  chargeCents: fc.integer({ min: 0, max: 300_000 }),
  units: fc.constantFrom('1', '2', '0.5', '3'),
  modifiers: fc.subarray(['25', '59', 'LT', '26'], { maxLength: 2 }),
  day: fc.integer({ min: 1, max: 28 }),
});
const claimArb = fc.record({
  member: fc.constantFrom(...MEMBERS),
  memberNo: fc.integer({ min: 1, max: 4 }),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 5 }),
  auth: fc.boolean(),
  diagnosis: fc.constantFrom('J069', 'M545', 'R079'),
  correct: fc.constantFrom('none', 'none', '7', '8'),
});

describe('sandbox 835 (property)', () => {
  it('every generated payment writes, reads back without errors and balances to the cent', () => {
    fc.assert(
      fc.property(
        fc.array(claimArb, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.constantFrom('ACH' as const, 'CHK' as const),
        (specs, carried, method) => {
          let state = emptyState();
          const adjudications: ClaimAdjudication[] = [];
          specs.forEach((s, i) => {
            const c = claim(
              `${s.member}${s.memberNo}`,
              s.lines.map((l) =>
                line(l.procedureCode, l.chargeCents, {
                  units: l.units,
                  modifiers: l.modifiers,
                  serviceDate: `2026-01-${String(l.day).padStart(2, '0')}`,
                }),
              ),
              { patientControlNumber: `PCN${i}`, diagnoses: [s.diagnosis], ...(s.auth ? { authorizationNumber: 'AUTH9' } : {}) },
            );
            const r = adjudicate(c, plan, state, { today: '2026-03-15', receivedDate: '2026-01-30' });
            state = r.state;
            const done = r.outcomes.filter((o): o is ClaimAdjudication => o.kind === 'adjudicated');
            adjudications.push(...done);
            const last = done[done.length - 1];
            if (s.correct !== 'none' && last) {
              const again = adjudicate(
                { ...c, frequencyCode: s.correct as '7' | '8', originalPayerClaimNumber: last.payerClaimControlNumber },
                plan,
                state,
                { today: '2026-03-15', receivedDate: '2026-03-01' },
              );
              state = again.state;
              adjudications.push(...again.outcomes.filter((o): o is ClaimAdjudication => o.kind === 'adjudicated'));
            }
          });
          for (const a of adjudications) {
            for (const l of a.lines) expect(l.chargeCents - l.adjustments.reduce((t, x) => t + x.amountCents, 0)).toBe(l.paidCents);
            if (a.statusCode !== '22') for (const l of a.lines) for (const x of l.adjustments) expect(x.amountCents).toBeGreaterThan(0);
          }
          const p = buildPayment(adjudications, plan, { ...OPTS, method, carriedBalanceCents: carried });
          expect(p.totalPaymentCents).toBeGreaterThanOrEqual(0);
          const remit = expectWrittenAndBalanced(p);
          expect(claimsOf(remit)).toHaveLength(adjudications.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('secondary payments built from generated primary adjudications also balance (property)', () => {
    fc.assert(
      fc.property(
        fc.array(claimArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 50_000 }), { maxLength: 3 }),
        (specs, recoup) => {
          let state = emptyState();
          const secondaries: ClaimAdjudication[] = [];
          specs.forEach((s, i) => {
            const c = claim(
              `STD${s.memberNo}`,
              s.lines.map((l) => line(l.procedureCode, l.chargeCents, { units: l.units, modifiers: l.modifiers })),
              { patientControlNumber: `P${i}`, diagnoses: [s.diagnosis], authorizationNumber: 'A' },
            );
            const r = adjudicate(c, plan, state, { today: '2026-01-20' });
            state = r.state;
            const a = r.outcomes[0];
            if (a?.kind !== 'adjudicated' || a.patientResponsibilityCents === 0) return;
            const sec = adjudicate(
              { ...c, payerId: SANDBOX_SECONDARY.payerId, memberId: `SEC${s.memberNo}`, priorPayer: priorPayerFrom(a) },
              SANDBOX_SECONDARY,
              state,
              { today: '2026-02-01' },
            );
            state = sec.state;
            for (const o of sec.outcomes) if (o.kind === 'adjudicated') secondaries.push(o);
          });
          for (const a of secondaries) expect(a.paidCents).toBeLessThanOrEqual(a.chargeCents);
          const p = buildPayment(secondaries, SANDBOX_SECONDARY, {
            ...OPTS,
            recoupments: recoup.map((amountCents, i) => ({ payerClaimControlNumber: `OLD${i}`, amountCents })),
          });
          expectWrittenAndBalanced(p);
        },
      ),
      { numRuns: 100 },
    );
  });
});
