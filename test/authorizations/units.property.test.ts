/**
 * Units are never billed past what the payer approved without the scrubber saying so, whatever other
 * claims already used; and charging a claim's units is idempotent per claim (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unitsByAuthorization } from '#functions/authorizations/billed-units.ts';
import { authorizationEdits } from '#functions/claims/edits-payer.ts';
import { loadIcd10CmCodeSetFile, sampleCodeSetPath } from '#functions/claims/code-set-file.ts';
import { unitsUsed, type Authorization } from '#schemas/authorization.ts';
import type { Claim } from '#schemas/claim.ts';
import { billingProvider, coverage, payerProfile, professionalClaim } from '#test/fixtures/accounts/builders.ts';

const codeSet = loadIcd10CmCodeSetFile(sampleCodeSetPath);

const scenario = fc.record({
  approvedUnits: fc.integer({ min: 1, max: 20 }),
  otherClaims: fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 3 }),
  /** Units this same claim was charged before (a retry, a replacement): never counted against it. */
  earlierSelf: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
  lines: fc.array(fc.record({ units: fc.integer({ min: 1, max: 6 }), day: fc.integer({ min: 15, max: 28 }) }), {
    minLength: 1,
    maxLength: 5,
  }),
  status: fc.constantFrom('approved', 'partially-approved' as const),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario): { claim: Claim; a: Authorization } {
  const base = professionalClaim();
  const claim: Claim = {
    ...base,
    lines: s.lines.map((l, i) => ({
      ...base.lines[0]!,
      lineNumber: i + 1,
      procedureCode: '70553',
      modifiers: [],
      units: l.units,
      serviceDateFrom: `2026-02-${l.day}`,
      serviceDateTo: `2026-02-${l.day}`,
    })),
  };
  const billed: Record<string, number> = Object.fromEntries(s.otherClaims.map((u, i) => [`CLM-OTHER-${i}`, u]));
  if (s.earlierSelf !== undefined) billed[claim.claimId] = s.earlierSelf;
  const a: Authorization = {
    authorizationId: 'AUTH-P',
    patientId: claim.patientId,
    payerId: claim.payerId,
    authorizationNumber: 'PA-P',
    status: s.status,
    procedureCodes: ['70553'],
    validFrom: '2026-02-01',
    validThrough: '2026-02-28',
    approvedUnits: s.approvedUnits,
    billedUnits: billed,
  };
  return { claim, a };
}

describe('units against prior authorizations (property)', () => {
  it('a claim passes the scrubber only when its units fit in what is left; otherwise the finding says so', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { claim, a } = build(s);
        const findings = authorizationEdits({
          claim,
          coverages: [coverage()],
          providers: [billingProvider()],
          payerProfile: { ...payerProfile(), authorizationRequiredCodes: ['70553'] },
          authorizations: [a],
          otherClaims: [],
          codeSet,
          today: '2026-03-20',
        });
        const billedNow = claim.lines.reduce((sum, l) => sum + l.units, 0);
        const exceeded = unitsUsed(a, claim.claimId) + billedNow > s.approvedUnits;
        expect(findings.some((f) => f.id === 'AUTHORIZATION_UNITS_EXCEEDED')).toBe(exceeded);
        expect(findings.filter((f) => f.id === 'AUTHORIZATION_MISSING')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("charging a claim's units is set, not added: the total is the same however often the claim is billed", () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 4 }), (s, times) => {
        const { claim, a } = build(s);
        let billed = { ...(a.billedUnits ?? {}) };
        for (let i = 0; i < times; i++)
          for (const [, units] of unitsByAuthorization(claim, [a])) billed = { ...billed, [claim.claimId]: units };
        const once = { ...(a.billedUnits ?? {}), [claim.claimId]: claim.lines.reduce((sum, l) => sum + l.units, 0) };
        expect(unitsUsed({ billedUnits: billed })).toBe(unitsUsed({ billedUnits: once }));
      }),
      { numRuns: 200 },
    );
  });
});
