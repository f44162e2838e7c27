import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadIcd10CmCodeSetFile, sampleCodeSetPath } from '#functions/claims/code-set-file.ts';
import { scrubClaim } from '#functions/claims/index.ts';
import type { Claim, ClaimLine } from '#schemas/claim.ts';
import { billingProvider, coverage, payerProfile, professionalClaim } from '#test/fixtures/accounts/builders.ts';

const codeSet = loadIcd10CmCodeSetFile(sampleCodeSetPath);
const date = fc.integer({ min: 0, max: 500 }).map((d) => new Date(Date.UTC(2025, 6, 1) + d * 86_400_000).toISOString().slice(0, 10));
const line: fc.Arbitrary<ClaimLine> = fc.record({
  lineNumber: fc.integer({ min: 1, max: 50 }),
  procedureCode: fc.option(fc.constantFrom('99213', '99214', '3074F', '0042T', 'J1100', '70553', '9921', 'W1234'), { nil: undefined }),
  modifiers: fc.array(fc.constantFrom('25', '59', 'LT', 'RT', 'XS', '5', 'lt'), { maxLength: 4 }),
  diagnosisPointers: fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }),
  units: fc.integer({ min: 1, max: 5 }),
  placeOfService: fc.option(fc.constantFrom('11', '22', '23', '88', '00'), { nil: undefined }),
  serviceDateFrom: date,
  serviceDateTo: date,
  chargeCents: fc.integer({ min: 0, max: 1_000_000 }),
  revenueCode: fc.option(fc.constantFrom('0450', '0120', '0510'), { nil: undefined }),
});
const claim: fc.Arbitrary<Claim> = fc
  .record({
    lines: fc.array(line, { minLength: 1, maxLength: 6 }),
    diagnoses: fc.array(
      fc.constantFrom('E11.9', 'E11', 'I10', 'S72.001', 'S72.001A', 'W19.XXXA', 'W19.XA', 'Z99.99', 'E1.19').map((code) => ({ code })),
      { maxLength: 12 },
    ),
    frequencyCode: fc.constantFrom('1', '7', '8' as const),
    claimType: fc.constantFrom('837P', '837I' as const),
    totalChargeCents: fc.integer({ min: 0, max: 6_000_000 }),
  })
  .map((parts) => professionalClaim({ ...parts }));

/** Resolves "lines[1].modifiers[0]" style paths against the scrub input's claim and providers. */
function resolves(path: string, c: Claim): boolean {
  const root = path.split(/[.[]/)[0] ?? '';
  if (['billingProvider', 'renderingProvider', 'attendingProvider'].includes(root)) return true;
  if (
    !(root in c) &&
    ![
      'institutional',
      'priorPayerPaidCents',
      'originalPayerClaimNumber',
      'priorAdjudicationDate',
      'attendingProviderId',
      'renderingProviderId',
    ].includes(root)
  )
    return false;
  const index = /^lines\[(\d+)\]/.exec(path)?.[1] ?? /^diagnoses\[(\d+)\]/.exec(path)?.[1];
  if (index !== undefined) return Number(index) < (root === 'lines' ? c.lines.length : c.diagnoses.length);
  return true;
}

describe('scrubber properties (fast-check)', () => {
  it('never throws on any contract-shaped claim; every finding is well-formed and points at the claim', () => {
    fc.assert(
      fc.property(claim, date, (c, today) => {
        const result = scrubClaim({
          claim: c,
          coverages: [coverage()],
          providers: [billingProvider()],
          payerProfile: payerProfile(),
          authorizations: [],
          otherClaims: [],
          codeSet,
          today,
        });
        expect(result.clean).toBe(result.findings.every((f) => f.severity === 'warning'));
        for (const f of result.findings) {
          expect(f.id).toMatch(/^[A-Z0-9_]+$/);
          expect(f.message.length).toBeGreaterThan(10);
          expect(resolves(f.path, c), `${f.id} → ${f.path}`).toBe(true);
        }
        // errors come before warnings
        const firstWarning = result.findings.findIndex((f) => f.severity === 'warning');
        if (firstWarning !== -1) expect(result.findings.slice(firstWarning).every((f) => f.severity === 'warning')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('a line with a date of service after "today" is always an error', () => {
    fc.assert(
      fc.property(claim, fc.integer({ min: 1, max: 400 }), (c, ahead) => {
        const today = '2025-06-30';
        const future = new Date(Date.UTC(2025, 5, 30) + ahead * 86_400_000).toISOString().slice(0, 10);
        const lines = c.lines.map((l, i) => (i === 0 ? { ...l, serviceDateFrom: future, serviceDateTo: future } : l));
        const result = scrubClaim({
          claim: { ...c, lines },
          coverages: [coverage()],
          providers: [billingProvider()],
          payerProfile: payerProfile(),
          authorizations: [],
          otherClaims: [],
          codeSet,
          today,
        });
        expect(result.clean).toBe(false);
        expect(result.findings).toContainEqual(expect.objectContaining({ id: 'SERVICE_DATE_FUTURE', path: 'lines[0].serviceDateFrom' }));
      }),
    );
  });
});
