import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TS835, CLAIM_STATUS_CODES, CODES_835 } from '#functions/x12/definitions/ts835.ts';
import { ADJUSTMENT_GROUP_CODES } from '#functions/x12/definitions/common.ts';
import { writeInterchange, sequentialControlNumbers } from '#functions/x12/interchange-writer.ts';
import { parseX12 } from '#functions/x12/parse.ts';
import { balance835 } from '#functions/x12/balance835.ts';
import type { Claim835, Remittance835, Service835 } from '#functions/x12/types835.ts';
import type { AdjustmentGroup } from '#functions/x12/model-common.ts';
import type { ModelObject } from '#functions/x12/reader.ts';
import { EXAMPLE_PARTIES } from '#functions/x12/examples.ts';
import { cents, clean, id, text } from './arbitraries.ts';

const sum = (groups: AdjustmentGroup[] | undefined): number =>
  (groups ?? []).reduce((n, g) => n + g.adjustments.reduce((m, a) => m + a.amountCents, 0), 0);
const casGroups = fc.array(
  fc.record({
    groupCode: fc.constantFrom(...ADJUSTMENT_GROUP_CODES),
    adjustments: fc.array(fc.record({ reasonCode: fc.constantFrom('1', '2', '3', '45', '97', '253'), amountCents: cents }), {
      minLength: 1,
      maxLength: 6,
    }),
  }),
  { maxLength: 2 },
);

const service: fc.Arbitrary<Service835> = fc
  .record({
    procedure: fc.record({
      qualifier: fc.constantFrom(...CODES_835.serviceProduct),
      code: id(4, 11),
      modifier1: fc.option(id(2, 2), { nil: undefined }),
    }),
    chargeCents: cents,
    adjustments: casGroups,
    // LQ*HE carries a remark code (RARC: letters and digits, e.g. N130), LQ*RX a pharmacy reject code.
    remarks: fc.array(
      fc.oneof(
        fc.record({
          codeListQualifier: fc.constant('HE'),
          code: fc.constantFrom('M', 'N', 'MA').chain((p) => fc.nat(999).map((n) => `${p}${n + 1}`)),
        }),
        fc.record({ codeListQualifier: fc.constant('RX'), code: id(3, 5) }),
      ),
      { maxLength: 2 },
    ),
  })
  .map((s) =>
    clean({
      ...s,
      paymentCents: s.chargeCents - sum(s.adjustments),
      adjustments: s.adjustments.length ? s.adjustments : undefined,
      remarks: s.remarks.length ? s.remarks : undefined,
    }),
  );

const claim: fc.Arbitrary<Claim835> = fc
  .record({
    patientControlNumber: id(1, 38),
    statusCode: fc.constantFrom(...CLAIM_STATUS_CODES),
    claimFilingIndicator: fc.constantFrom('12', 'MA', 'MB', 'MC', 'HM'),
    payerClaimControlNumber: id(1, 30),
    adjustments: casGroups,
    patient: fc.record({ entityType: fc.constant('1'), lastName: text(1, 30), idQualifier: fc.constant('MI'), id: id(2, 20) }),
    services: fc.array(service, { maxLength: 4 }),
    extraCharge: cents,
  })
  .map(({ extraCharge, ...c }) => {
    const services = c.services;
    const charge = services.length ? services.reduce((n, s) => n + s.chargeCents, 0) : extraCharge;
    const payment = charge - sum(c.adjustments) - services.reduce((n, s) => n + sum(s.adjustments), 0);
    return clean({
      ...c,
      chargeCents: charge,
      paymentCents: payment,
      adjustments: c.adjustments.length ? c.adjustments : undefined,
      services: services.length ? services : undefined,
    }) as Claim835;
  });

/** Balanced remittances: BPR02 = ΣCLP04 − ΣPLB (with BPR03 = D when that total is negative). */
const remittance: fc.Arbitrary<Remittance835> = fc
  .record({
    headers: fc.array(
      fc.record({ assignedNumber: fc.integer({ min: 1, max: 999999 }), claims: fc.array(claim, { minLength: 1, maxLength: 4 }) }),
      { maxLength: 3 },
    ),
    plb: fc.array(
      fc.record({
        reason: fc.record({ code: fc.constantFrom('WO', 'FB', 'L6', 'CS', '72'), referenceId: fc.option(id(1, 20), { nil: undefined }) }),
        amountCents: cents,
      }),
      { maxLength: 6 },
    ),
  })
  .map(({ headers, plb }) => {
    const claimsTotal = headers.reduce((n, h) => n + h.claims.reduce((m, c) => m + c.paymentCents, 0), 0);
    const total = claimsTotal - plb.reduce((n, a) => n + a.amountCents, 0);
    return clean({
      payment: {
        transactionHandlingCode: 'I',
        totalPaymentCents: Math.abs(total),
        creditDebitFlag: total < 0 ? 'D' : 'C',
        paymentMethod: 'CHK',
        paymentDate: '20260105',
      },
      trace: { traceType: '1', checkOrEftNumber: 'CHECK1', originatorId: '1999999999' },
      payer: { name: 'PAYER', address: { line1: '1 MAIN ST' }, city: { city: 'CITY', state: 'NY', postalCode: '10001' } },
      payee: { name: 'PROVIDER', idQualifier: 'XX', id: '1234567893' },
      headers: headers.length ? headers : undefined,
      providerAdjustments: plb.length ? [{ providerId: '1234567893', fiscalPeriodDate: '20261231', adjustments: plb }] : undefined,
    }) as Remittance835;
  });

const write835 = (model: Remittance835): string =>
  writeInterchange(EXAMPLE_PARTIES, [{ def: TS835, model: model as unknown as ModelObject }], sequentialControlNumbers());

describe('835 balancing (properties over generated remittances)', () => {
  it('a balanced remittance written by the engine reads back identical, without findings, and balances', () => {
    fc.assert(
      fc.property(remittance, (remit) => {
        const t = parseX12(write835(remit), { strict: true }).transactions[0];
        expect(t?.findings).toEqual([]);
        expect(t?.model).toEqual(remit);
        expect(t?.balance?.balanced).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a changed claim payment is reported exactly: that claim and the transaction, by the amount changed', () => {
    fc.assert(
      fc.property(
        remittance.filter((r) => (r.headers?.length ?? 0) > 0),
        fc.integer({ min: -1_000_000, max: 1_000_000 }).filter((d) => d !== 0),
        fc.nat(),
        (generated, delta, pick) => {
          const remit = structuredClone(generated); // never mutate fast-check's values: it replays them when shrinking
          const claims = (remit.headers ?? []).flatMap((h) => h.claims);
          const index = pick % claims.length;
          (claims[index] as Claim835).paymentCents += delta;
          const result = parseX12(write835(remit)).transactions[0]?.balance;
          expect(result?.findings).toEqual([
            expect.objectContaining({
              level: 'claim',
              claimIndex: index,
              claimId: claims[index]?.patientControlNumber,
              differenceCents: -delta,
            }),
            expect.objectContaining({ level: 'transaction', differenceCents: delta }),
          ]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a changed service payment is reported at service level, and with CLP04 at claim and transaction level', () => {
    const withService = remittance.filter((r) => (r.headers ?? []).some((h) => h.claims.some((c) => c.services?.length)));
    fc.assert(
      fc.property(withService, fc.integer({ min: 1, max: 99_999 }), (generated, delta) => {
        const remit = structuredClone(generated);
        const claims = (remit.headers ?? []).flatMap((h) => h.claims);
        const index = claims.findIndex((c) => c.services?.length);
        const svc = claims[index]?.services?.[0] as Service835;
        svc.paymentCents += delta;
        expect(balance835(remit).findings.map((f) => [f.level, f.differenceCents])).toEqual([['service', -delta]]);
        (claims[index] as Claim835).paymentCents += delta;
        // The claim equation uses CLP03, CAS and CLP04 only: raising CLP04 too unbalances the claim and the total.
        expect(balance835(remit).findings.map((f) => [f.level, f.differenceCents])).toEqual([
          ['service', -delta],
          ['claim', -delta],
          ['transaction', delta],
        ]);
      }),
      { numRuns: 100 },
    );
  });
});
