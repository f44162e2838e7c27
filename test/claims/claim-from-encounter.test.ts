import { describe, expect, it } from 'vitest';
import { loadIcd10CmCodeSetFile, sampleCodeSetPath } from '#functions/claims/code-set-file.ts';
import { claimFromEncounter, scrubClaim } from '#functions/claims/index.ts';
import { claimSchema } from '#schemas/claim.ts';
import type { Encounter } from '#schemas/encounter.ts';
import { billingProvider, coverage, payerProfile } from '#test/fixtures/accounts/builders.ts';

const visit: Encounter = {
  encounterId: 'ENC-1',
  patientId: 'PAT-1',
  accountId: 'ACC-1',
  encounterType: 'outpatient',
  renderingProviderId: 'PRV-BILL',
  attendingProviderId: 'PRV-BILL',
  diagnoses: [{ code: 'J06.9' }, { code: 'R05.1' }],
  charges: [
    {
      chargeId: 'CH-1',
      procedureCode: '99213',
      modifiers: [],
      diagnosisPointers: [1, 2],
      units: 1,
      placeOfService: '22',
      serviceDateFrom: '2026-03-10',
      serviceDateTo: '2026-03-10',
      chargeCents: 14_000,
      revenueCode: '0510',
    },
    {
      chargeId: 'CH-2',
      procedureCode: '71046',
      modifiers: [],
      diagnosisPointers: [2],
      units: 1,
      placeOfService: '22',
      serviceDateFrom: '2026-03-10',
      serviceDateTo: '2026-03-10',
      chargeCents: 9_500,
      revenueCode: '0324',
    },
  ],
};
const base = {
  encounter: visit,
  coverage: coverage(),
  claimId: 'CLM-E1',
  patientControlNumber: 'PCN-E1',
  billingProviderId: 'PRV-BILL',
  createdAt: '2026-03-11T08:00:00Z',
};
const scrub = (claim: ReturnType<typeof claimFromEncounter>, profile = payerProfile()) =>
  scrubClaim({
    claim,
    coverages: [coverage()],
    providers: [billingProvider()],
    payerProfile: profile,
    authorizations: [],
    otherClaims: [],
    codeSet: loadIcd10CmCodeSetFile(sampleCodeSetPath),
    today: '2026-03-12',
  });

describe('building a claim from an encounter', () => {
  it('professional payer: lines keep place of service, total is the sum, and it scrubs clean', () => {
    const claim = claimFromEncounter({ ...base, payerProfile: payerProfile() });
    expect(claimSchema.parse(claim)).toEqual(claim);
    expect(claim).toMatchObject({
      claimType: '837P',
      frequencyCode: '1',
      status: 'draft',
      totalChargeCents: 23_500,
      payerId: 'PAYER-ACME',
    });
    expect(claim.lines.map((l) => [l.lineNumber, l.placeOfService])).toEqual([
      [1, '22'],
      [2, '22'],
    ]);
    expect(claim.institutional).toBeUndefined();
    expect(scrub(claim).findings).toEqual([]);
  });

  it('institutional payer: revenue codes, type of bill 131 and statement dates, and it scrubs clean', () => {
    const profile = payerProfile({ claimType: '837I' });
    const claim = claimFromEncounter({ ...base, payerProfile: profile });
    expect(claim.institutional).toEqual({
      typeOfBill: '131',
      statementFrom: '2026-03-10',
      statementThrough: '2026-03-10',
      patientStatusCode: '01',
    });
    expect(claim.lines.every((l) => l.placeOfService === undefined && l.revenueCode !== undefined)).toBe(true);
    expect(scrub(claim, profile).findings).toEqual([]);
  });

  it('inpatient stay: the scrubber asks for what the encounter could not supply', () => {
    const profile = payerProfile({ claimType: '837I' });
    const stay: Encounter = { ...visit, encounterType: 'inpatient', admissionDate: '2026-03-08', dischargeDate: '2026-03-10' };
    const claim = claimFromEncounter({ ...base, encounter: stay, payerProfile: profile });
    expect(claim.institutional).toMatchObject({
      typeOfBill: '111',
      statementFrom: '2026-03-08',
      statementThrough: '2026-03-10',
      admissionDate: '2026-03-08',
    });
    expect(scrub(claim, profile).findings.map((f) => f.id)).toEqual(['ADMISSION_TYPE_REQUIRED', 'PATIENT_STATUS_REQUIRED']);
  });

  it('an institutional claim without the patient status is stopped by the scrubber, outpatient too (CL103 is required)', () => {
    const profile = payerProfile({ claimType: '837I' });
    const claim = claimFromEncounter({ ...base, payerProfile: profile });
    const { patientStatusCode: _, ...rest } = claim.institutional!;
    expect(scrub({ ...claim, institutional: rest }, profile).findings.map((f) => f.id)).toEqual(['PATIENT_STATUS_REQUIRED']);
  });
});
