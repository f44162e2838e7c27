/**
 * Properties: whatever valid records the billing office holds (names with accents or X12 delimiters,
 * dependents, corrections, fractional units, up to twelve diagnoses, 837P or 837I), the batch written
 * reads back through the engine with no error finding and carries the claims' numbers unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseX12, sequentialControlNumbers } from '#functions/x12/index.ts';
import type { Claim837, ClaimDocument837 } from '#functions/x12/index.ts';
import { basisPoints, write837Batch } from '#functions/payers/exchange/index.ts';
import type { Claim837Input } from '#functions/payers/exchange/index.ts';
import { x12Text } from '#functions/payers/exchange/common.ts';
import type { Claim, ClaimLine } from '#schemas/claim.ts';
import { claim, coverage, doctor, parties, patient, records } from './fixtures.ts';

const PROCEDURES = ['99213', '99214', '85025', '93000', 'J3301', '0001F', '0042T'];
const REVENUE = ['0450', '0300', '0120', '0250', '0636'];
const DIAGNOSES = ['J06.9', 'R50.9', 'I10', 'E11.9', 'M54.5', 'Z00.00', 'S72.001A', 'R07.9', 'K21.9', 'F41.1', 'N39.0', 'B34.9'];
const UNITS = [1, 2, 3, 0.5, 1.25, 12];

/** Human-ish text with accents, punctuation and the X12 delimiters thrown in. */
const text = (min: number, max: number): fc.Arbitrary<string> =>
  fc
    .string({
      unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzéèüñçø '-.*:^~".split('')),
      minLength: min,
      maxLength: max,
    })
    .filter((s) => x12Text(s, 60).length >= min);

const lineArb = (claimType: '837P' | '837I', diagnoses: number): fc.Arbitrary<ClaimLine> =>
  fc
    .record({
      procedureCode: claimType === '837P' ? fc.constantFrom(...PROCEDURES) : fc.option(fc.constantFrom(...PROCEDURES), { nil: undefined }),
      revenueCode: claimType === '837I' ? fc.constantFrom(...REVENUE) : fc.constant(undefined),
      modifiers: fc.uniqueArray(fc.constantFrom('25', '59', 'LT', 'RT', 'XS'), { maxLength: 4 }),
      diagnosisPointers: fc.uniqueArray(fc.integer({ min: 1, max: diagnoses }), { maxLength: 4 }),
      units: fc.constantFrom(...UNITS),
      day: fc.integer({ min: 1, max: 14 }),
      days: fc.integer({ min: 0, max: 3 }),
      chargeCents: fc.integer({ min: 0, max: 50_000_000 }),
      placeOfService: fc.constantFrom('11', '22', '23', undefined),
    })
    .map((l) => {
      const from = `2026-01-${String(l.day).padStart(2, '0')}`;
      const to = `2026-01-${String(l.day + l.days).padStart(2, '0')}`;
      const out: ClaimLine = {
        lineNumber: 1,
        modifiers: l.modifiers,
        diagnosisPointers: l.diagnosisPointers,
        units: l.units,
        serviceDateFrom: from,
        serviceDateTo: to,
        chargeCents: l.chargeCents,
      };
      if (l.procedureCode) out.procedureCode = l.procedureCode;
      if (l.revenueCode) out.revenueCode = l.revenueCode;
      if (claimType === '837P' && l.placeOfService) out.placeOfService = l.placeOfService;
      return out;
    });

const claimArb = (n: number): fc.Arbitrary<Claim837Input> =>
  fc
    .record({
      claimType: fc.constantFrom('837P' as const, '837I' as const),
      diagnoses: fc.uniqueArray(fc.constantFrom(...DIAGNOSES), { minLength: 1, maxLength: 12 }),
      relationship: fc.constantFrom('self' as const, 'spouse' as const, 'child' as const, 'other' as const),
      frequency: fc.constantFrom('1' as const, '7' as const, '8' as const),
      first: text(1, 35),
      last: text(1, 60),
      street: text(1, 55),
      city: text(2, 30),
      subscriberLast: text(1, 60),
      seed: fc.integer({ min: 1, max: 9999 }),
      // Present on admission per diagnosis, 1 (exempt) included: the 837I writes it as no indicator.
      poa: fc.array(fc.constantFrom('Y' as const, 'N' as const, 'U' as const, 'W' as const, '1' as const, undefined), {
        minLength: 12,
        maxLength: 12,
      }),
    })
    .chain((c) =>
      fc.array(lineArb(c.claimType, c.diagnoses.length), { minLength: 1, maxLength: 8 }).map((lines) => {
        const p = patient(`PAT-${n}`, {
          firstName: c.first,
          lastName: c.last,
          address: { line1: c.street, city: c.city, state: 'IL', postalCode: '62704' },
        });
        const cov = coverage(
          p,
          `FULL${c.seed}`,
          c.relationship === 'self'
            ? {}
            : {
                relationshipToSubscriber: c.relationship,
                subscriber: { firstName: 'Sam', lastName: c.subscriberLast, dateOfBirth: '1970-01-01', sex: 'U' },
              },
        );
        const extra: Partial<Claim> = {
          claimType: c.claimType,
          frequencyCode: c.frequency,
          diagnoses: c.diagnoses.map((code, i) => {
            const presentOnAdmission = c.poa[i];
            return presentOnAdmission ? { code, presentOnAdmission } : { code };
          }),
        };
        if (c.frequency !== '1') extra.originalPayerClaimNumber = `ICN${c.seed}`;
        if (c.claimType === '837I') {
          const from = lines.map((l) => l.serviceDateFrom).sort()[0] as string;
          const to = lines
            .map((l) => l.serviceDateTo)
            .sort()
            .at(-1) as string;
          Object.assign(extra, {
            renderingProviderId: undefined,
            attendingProviderId: doctor.providerId,
            institutional: { typeOfBill: '131', statementFrom: from, statementThrough: to, patientStatusCode: '01' },
          });
        }
        const cl = claim(`PCN${n}X${c.seed}`, cov, lines, extra);
        return records(cl, p, cov, c.claimType === '837I' ? { renderingProvider: undefined, attendingProvider: doctor } : {});
      }),
    );

function claimsOf(doc: ClaimDocument837): Claim837[] {
  return doc.billingProviders.flatMap((b) =>
    b.subscribers.flatMap((s) => [...(s.claims ?? []), ...(s.patients ?? []).flatMap((p) => p.claims)]),
  );
}

describe('837 batches, for any valid records', () => {
  it("read back with no error finding and the claims' numbers intact", () => {
    const batches = fc.integer({ min: 1, max: 6 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => claimArb(i + 1))));
    fc.assert(
      fc.property(batches, (inputs) => {
        const batch = write837Batch(inputs, parties('PROP-BATCH', '2026-01-20T10:30:00Z'), sequentialControlNumbers());
        const parsed = parseX12(batch.x12, { strict: true });
        const errors = [...parsed.findings, ...parsed.transactions.flatMap((t) => t.findings)].filter((f) => f.severity === 'error');
        expect(errors).toEqual([]);
        const read = parsed.transactions.flatMap((t) => claimsOf(t.model as unknown as ClaimDocument837));
        const byPcn = new Map(read.map((c) => [c.patientControlNumber, c]));
        expect(read).toHaveLength(inputs.length);
        expect(batch.transactionSets.flatMap((t) => t.patientControlNumbers).sort()).toEqual(
          inputs.map((i) => i.claim.patientControlNumber).sort(),
        );
        for (const { claim: c } of inputs) {
          const r = byPcn.get(c.patientControlNumber) as Claim837;
          expect(r.totalChargeCents).toBe(c.totalChargeCents);
          expect(r.facility.frequencyCode).toBe(c.frequencyCode);
          expect(r.references?.find((x) => x.qualifier === 'F8')?.value).toBe(c.originalPayerClaimNumber);
          expect(r.healthCareCodes?.flatMap((h) => h.codes.map((x) => x.code.code))).toEqual(
            c.diagnoses.map((d) => d.code.replace('.', '')),
          );
          expect(r.serviceLines.map((l) => l.professional?.chargeCents ?? l.institutional?.chargeCents)).toEqual(
            c.lines.map((l) => l.chargeCents),
          );
          expect(r.serviceLines.reduce((s, l) => s + (l.professional?.chargeCents ?? l.institutional?.chargeCents ?? 0), 0)).toBe(
            r.totalChargeCents,
          );
          expect(r.serviceLines.map((l) => l.professional?.quantity ?? l.institutional?.quantity)).toEqual(
            c.lines.map((l) => String(l.units)),
          );
        }
        expect(batch.totalChargeCents).toBe(inputs.reduce((s, i) => s + i.claim.totalChargeCents, 0));
      }),
      { numRuns: 150 },
    );
  });

  it("names and addresses are cleaned of delimiters and cut to the element's width", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 1, max: 80 }), (s, max) => {
        const t = x12Text(s, max);
        expect(t.length).toBeLessThanOrEqual(max);
        expect(t).not.toMatch(/[*:^~\r\n]/);
        expect(t).toBe(t.trim());
        expect(t).toMatch(/^[\x20-\x7E]*$/);
      }),
    );
  });

  it('271 percents become basis points exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bps) => {
        const whole = Math.floor(bps / 10_000);
        const frac = String(bps % 10_000)
          .padStart(4, '0')
          .replace(/0+$/, '');
        expect(basisPoints(frac ? `${whole}.${frac}` : String(whole))).toBe(bps);
        expect(basisPoints(frac ? `.${frac}` : `${whole}`)).toBe(bps);
      }),
    );
    expect(basisPoints('0.12345')).toBeUndefined();
    expect(basisPoints('abc')).toBeUndefined();
  });
});
