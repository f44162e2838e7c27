import { describe, expect, it } from 'vitest';
import { loadIcd10CmCodeSetFile, sampleCodeSetPath } from '#functions/claims/code-set-file.ts';
import { scrubClaim, type ScrubInput } from '#functions/claims/index.ts';
import type { Authorization } from '#schemas/authorization.ts';
import { scrubResultSchema } from '#schemas/scrub-result.ts';
import type { Claim, ClaimLine } from '#schemas/claim.ts';
import { billingProvider, coverage, payerProfile, professionalClaim } from '#test/fixtures/accounts/builders.ts';

const codeSet = loadIcd10CmCodeSetFile(sampleCodeSetPath);

/** A clean office visit for a diabetic, hypertensive patient, scrubbed 18 days after the visit. */
function baseInput(overrides: Partial<ScrubInput> = {}): ScrubInput {
  return {
    claim: professionalClaim(),
    coverages: [coverage()],
    providers: [billingProvider()],
    payerProfile: payerProfile(),
    authorizations: [],
    otherClaims: [],
    codeSet,
    today: '2026-03-20',
    ...overrides,
  };
}
const withClaim = (patch: Partial<Claim>): ScrubInput => baseInput({ claim: professionalClaim(patch) });
const withLine = (patch: Partial<ClaimLine>): ScrubInput => {
  const claim = professionalClaim();
  return baseInput({ claim: { ...claim, lines: claim.lines.map((l, i) => (i === 0 ? { ...l, ...patch } : l)) } });
};
const ids = (input: ScrubInput) => scrubClaim(input).findings.map((f) => `${f.id}@${f.path}`);

describe('claim scrubber', () => {
  it('passes a clean professional claim with no findings', () => {
    expect(scrubClaim(baseInput())).toEqual({ clean: true, findings: [] });
  });

  it('reports every problem at once, errors before warnings, in words a clerk can act on', () => {
    const claim = professionalClaim({
      diagnoses: [{ code: 'E11' }, { code: 'S72.001' }, { code: 'E11.8' }],
      lines: [
        {
          lineNumber: 1,
          procedureCode: '9921',
          modifiers: ['2'],
          diagnosisPointers: [4],
          units: 1,
          placeOfService: '88',
          serviceDateFrom: '2026-03-25',
          serviceDateTo: '2026-03-25',
          chargeCents: 18_500,
        },
        {
          lineNumber: 2,
          procedureCode: '83036',
          modifiers: ['59', '59'],
          diagnosisPointers: [1],
          units: 1,
          placeOfService: '11',
          serviceDateFrom: '2026-03-02',
          serviceDateTo: '2026-03-02',
          chargeCents: 0,
        },
      ],
      totalChargeCents: 1,
    });
    const result = scrubClaim(baseInput({ claim, providers: [billingProvider({ npi: '1234567890' })] }));
    expect(result.clean).toBe(false);
    expect(result.findings.map((f) => f.id)).toEqual([
      'NPI_CHECK_DIGIT', // billing provider
      'NPI_CHECK_DIGIT', // the same provider, as rendering provider
      'ICD10_NOT_BILLABLE',
      'ICD10_STRUCTURE',
      'ICD10_UNKNOWN',
      'PROCEDURE_CODE_FORMAT',
      'MODIFIER_FORMAT',
      'PLACE_OF_SERVICE_INVALID',
      'DIAGNOSIS_POINTER_RANGE',
      'SERVICE_DATE_FUTURE',
      'TOTAL_CHARGE_MISMATCH',
      'MODIFIER_DUPLICATE',
      'LINE_CHARGE_ZERO',
    ]);
    const notBillable = result.findings.find((f) => f.id === 'ICD10_NOT_BILLABLE');
    expect(notBillable?.message).toBe('Diagnosis E11 is a heading, not a billable code; pick a more specific code such as E11.65, E11.9.');
    for (const f of result.findings) expect(f.message).not.toMatch(/Testa|Example|ZZX000000001|1980/);
    expect(scrubResultSchema.parse(result)).toEqual(result);
  });

  it.each<[string, ScrubInput, string]>([
    [
      'tax id with an unassigned prefix',
      baseInput({ providers: [billingProvider({ taxId: '071234567' })] }),
      'TAX_ID_INVALID@billingProvider.taxId',
    ],
    [
      'billing address is a PO box',
      baseInput({
        providers: [billingProvider({ address: { line1: 'PO Box 12', city: 'Springfield', state: 'IL', postalCode: '627010001' } })],
      }),
      'BILLING_ADDRESS_PO_BOX@billingProvider.address',
    ],
    [
      'billing ZIP without +4',
      baseInput({ providers: [billingProvider({ address: { line1: '1 Main', city: 'Springfield', state: 'IL', postalCode: '62701' } })] }),
      'BILLING_ZIP_PLUS_4@billingProvider.address.postalCode',
    ],
    ['rendering provider not on file', withClaim({ renderingProviderId: 'PRV-GHOST' }), 'PROVIDER_NOT_FOUND@renderingProviderId'],
    [
      'no diagnosis',
      withClaim({ diagnoses: [], lines: professionalClaim().lines.map((l) => ({ ...l, diagnosisPointers: [] })) }),
      'DIAGNOSIS_REQUIRED@diagnoses',
    ],
    ['same diagnosis twice', withClaim({ diagnoses: [{ code: 'E11.9' }, { code: 'E119' }] }), 'ICD10_DUPLICATE@diagnoses[1].code'],
    [
      'placeholder without seventh character',
      withClaim({ diagnoses: [{ code: 'E11.9' }, { code: 'W19.XX' }] }),
      'ICD10_STRUCTURE@diagnoses[1].code',
    ],
    ['missing place of service', withLine({ placeOfService: undefined }), 'PLACE_OF_SERVICE_REQUIRED@lines[0].placeOfService'],
    ['no diagnosis pointer', withLine({ diagnosisPointers: [] }), 'DIAGNOSIS_POINTER_REQUIRED@lines[0].diagnosisPointers'],
    ['pointer repeated', withLine({ diagnosisPointers: [1, 1] }), 'DIAGNOSIS_POINTER_DUPLICATE@lines[0].diagnosisPointers[1]'],
    ['missing procedure code', withLine({ procedureCode: undefined }), 'PROCEDURE_CODE_REQUIRED@lines[0].procedureCode'],
    [
      'coverage terminated before the visit',
      baseInput({ coverages: [coverage({ terminationDate: '2026-02-28' })] }),
      'COVERAGE_INACTIVE@lines[0].serviceDateFrom',
    ],
    [
      'coverage not yet effective',
      baseInput({ coverages: [coverage({ effectiveDate: '2026-03-05' })] }),
      'COVERAGE_INACTIVE@lines[0].serviceDateFrom',
    ],
    ['coverage not on file', withClaim({ coverageId: 'COV-X' }), 'COVERAGE_NOT_FOUND@coverageId'],
    ['coverage is with another payer', baseInput({ coverages: [coverage({ payerId: 'PAYER-OTHER' })] }), 'COVERAGE_PAYER_MISMATCH@payerId'],
    [
      'two active primaries',
      baseInput({ coverages: [coverage(), coverage({ coverageId: 'COV-9', payerId: 'PAYER-B' })] }),
      'COVERAGE_PRIORITY_CONFLICT@coverageId',
    ],
    [
      'billing secondary without a primary',
      baseInput({ coverages: [coverage({ priority: 'secondary' })], claim: professionalClaim({ priorPayerPaidCents: 0 }) }),
      'COVERAGE_PRIORITY_GAP@coverageId',
    ],
    [
      'secondary claim without primary adjudication',
      baseInput({ coverages: [coverage({ priority: 'secondary' }), coverage({ coverageId: 'COV-P', payerId: 'PAYER-B' })] }),
      'COB_PRIOR_PAYMENT_MISSING@priorPayerPaidCents',
    ],
    ['payer takes institutional claims', baseInput({ payerProfile: payerProfile({ claimType: '837I' }) }), 'CLAIM_TYPE_MISMATCH@claimType'],
    ['past timely filing', baseInput({ today: '2026-06-15' }), 'TIMELY_FILING_EXPIRED@lines[0].serviceDateFrom'],
    ['close to timely filing', baseInput({ today: '2026-05-25' }), 'TIMELY_FILING_NEAR@lines[0].serviceDateFrom'],
    [
      'replacement claim without the original claim number',
      withClaim({ frequencyCode: '7' }),
      'ORIGINAL_CLAIM_NUMBER_REQUIRED@originalPayerClaimNumber',
    ],
    [
      'corrected claim past the correction window',
      baseInput({
        claim: professionalClaim({ frequencyCode: '7', originalPayerClaimNumber: 'ICN-1', priorAdjudicationDate: '2026-01-02' }),
      }),
      'TIMELY_FILING_EXPIRED@priorAdjudicationDate',
    ],
  ])('%s', (_name, input, expected) => {
    expect(ids(input)).toContain(expected);
  });

  it('timely filing counts exactly: day 90 is on time, day 91 is late', () => {
    expect(ids(baseInput({ today: '2026-05-31' }))).toContain('TIMELY_FILING_NEAR@lines[0].serviceDateFrom');
    expect(ids(baseInput({ today: '2026-05-31' }))).not.toContain('TIMELY_FILING_EXPIRED@lines[0].serviceDateFrom');
    expect(ids(baseInput({ today: '2026-06-01' }))).toContain('TIMELY_FILING_EXPIRED@lines[0].serviceDateFrom');
  });

  describe('prior authorization for an MRI the payer authorizes in advance', () => {
    const mri = (): Claim => {
      const base = professionalClaim();
      return {
        ...base,
        lines: [{ ...base.lines[0]!, procedureCode: '70553', modifiers: [], units: 1 }],
        totalChargeCents: base.lines[0]!.chargeCents,
      };
    };
    const auth: Omit<Authorization, 'status'> = {
      authorizationId: 'AUTH-1',
      patientId: 'PAT-1',
      payerId: 'PAYER-ACME',
      authorizationNumber: 'PA-7788',
      procedureCodes: ['70553'],
      validFrom: '2026-02-15',
      validThrough: '2026-03-15',
    };

    it('passes with an approved authorization covering the date', () => {
      expect(scrubClaim(baseInput({ claim: mri(), authorizations: [{ ...auth, status: 'approved' }] })).clean).toBe(true);
    });
    it.each<[string, ScrubInput['authorizations'], string]>([
      ['none on file', [], 'requires prior authorization for 70553'],
      ['still pending', [{ ...auth, status: 'pended' }], 'still pending'],
      ['expired before the visit', [{ ...auth, status: 'approved', validThrough: '2026-03-01' }], 'requires prior authorization'],
      ['for another payer', [{ ...auth, status: 'approved', payerId: 'PAYER-B' }], 'requires prior authorization'],
    ])('flags it when the authorization is %s', (_name, authorizations, text) => {
      const finding = scrubClaim(baseInput({ claim: mri(), authorizations })).findings.find((f) => f.id === 'AUTHORIZATION_MISSING');
      expect(finding?.path).toBe('lines[0].procedureCode');
      expect(finding?.message).toContain(text);
    });
    it('flags units beyond what was approved', () => {
      const claim = mri();
      const line = { ...claim.lines[0]!, units: 3 };
      expect(
        ids(baseInput({ claim: { ...claim, lines: [line] }, authorizations: [{ ...auth, status: 'approved', approvedUnits: 2 }] })),
      ).toContain('AUTHORIZATION_UNITS_EXCEEDED@lines[0].units');
    });
  });

  describe('duplicate claims', () => {
    const earlier = professionalClaim({
      claimId: 'CLM-OLD',
      patientControlNumber: 'PCN-OLD',
      status: 'paid',
      payerClaimControlNumber: 'ICN-OLD',
    });
    it('flags a line billed again on a live claim', () => {
      const finding = scrubClaim(baseInput({ otherClaims: [earlier] })).findings.find((f) => f.id === 'DUPLICATE_CLAIM');
      expect(finding).toMatchObject({ severity: 'error', path: 'lines[0]' });
      expect(finding?.message).toContain('claim CLM-OLD');
    });
    it('ignores voided claims, other payers, and the claim a replacement replaces', () => {
      expect(ids(baseInput({ otherClaims: [{ ...earlier, status: 'voided' }] }))).not.toContain('DUPLICATE_CLAIM@lines[0]');
      expect(ids(baseInput({ otherClaims: [{ ...earlier, payerId: 'PAYER-B' }] }))).not.toContain('DUPLICATE_CLAIM@lines[0]');
      const replacement = professionalClaim({
        frequencyCode: '7',
        originalPayerClaimNumber: 'ICN-OLD',
        priorAdjudicationDate: '2026-03-10',
      });
      expect(scrubClaim(baseInput({ claim: replacement, otherClaims: [earlier] })).clean).toBe(true);
    });
    it('different modifiers make a different service (e.g. LT vs RT)', () => {
      const claim = professionalClaim();
      const rt = { ...claim, lines: claim.lines.map((l) => ({ ...l, modifiers: ['RT'] })) };
      const lt = { ...earlier, lines: earlier.lines.map((l) => ({ ...l, modifiers: ['LT'] })) };
      expect(ids(baseInput({ claim: rt, otherClaims: [lt] })).filter((f) => f.startsWith('DUPLICATE_CLAIM'))).toEqual([]);
    });
  });

  describe('institutional (837I) claims', () => {
    const outpatient = (patch: Partial<Claim> = {}): Claim => {
      const base = professionalClaim();
      return {
        ...base,
        claimType: '837I',
        attendingProviderId: 'PRV-BILL',
        institutional: { typeOfBill: '131', statementFrom: '2026-03-02', statementThrough: '2026-03-02', patientStatusCode: '01' },
        lines: base.lines.map((l, i) => ({ ...l, placeOfService: undefined, revenueCode: i === 0 ? '0510' : '0300' })),
        ...patch,
      };
    };
    const inst = (claim: Claim) => baseInput({ claim, payerProfile: payerProfile({ claimType: '837I' }) });

    it('passes a clean outpatient claim', () => {
      expect(scrubClaim(inst(outpatient()))).toEqual({ clean: true, findings: [] });
    });
    it.each<[string, Claim, string]>([
      [
        'no revenue code',
        outpatient({ lines: outpatient().lines.map((l, i) => (i === 1 ? { ...l, revenueCode: undefined } : l)) }),
        'REVENUE_CODE_REQUIRED@lines[1].revenueCode',
      ],
      ['no attending provider', outpatient({ attendingProviderId: undefined }), 'ATTENDING_PROVIDER_REQUIRED@attendingProviderId'],
      [
        'type of bill frequency disagrees',
        outpatient({ frequencyCode: '7', originalPayerClaimNumber: 'ICN-1' }),
        'TYPE_OF_BILL_FREQUENCY@institutional.typeOfBill',
      ],
      [
        'inpatient without admission data',
        outpatient({ institutional: { typeOfBill: '111', statementFrom: '2026-03-01', statementThrough: '2026-03-04' } }),
        'ADMISSION_DATE_REQUIRED@institutional.admissionDate',
      ],
      [
        'line outside the statement period',
        outpatient({ institutional: { typeOfBill: '131', statementFrom: '2026-03-03', statementThrough: '2026-03-04' } }),
        'LINE_OUTSIDE_STATEMENT@lines[0].serviceDateFrom',
      ],
      ['no institutional block', outpatient({ institutional: undefined }), 'INSTITUTIONAL_DATA_REQUIRED@institutional'],
    ])('%s', (_name, claim, expected) => {
      expect(ids(inst(claim))).toContain(expected);
    });
    describe("prior authorizations: an 837I carries one, the claim's (2300 REF*G1)", () => {
      const approved = (authorizationNumber: string, procedureCodes: string[]): Authorization => ({
        authorizationId: `AUTH-${authorizationNumber}`,
        patientId: 'PAT-1',
        payerId: 'PAYER-ACME',
        status: 'approved',
        authorizationNumber,
        procedureCodes,
        validFrom: '2026-03-01',
        validThrough: '2026-03-31',
      });
      const withAuths = (authorizations: Authorization[]) => ({ ...inst(outpatient()), authorizations });

      it('holds a claim whose lines two authorizations cover, for a person to split it or ask for one', () => {
        const finding = scrubClaim(withAuths([approved('PA-1', ['99214']), approved('PA-2', ['83036'])])).findings.find(
          (f) => f.id === 'AUTHORIZATIONS_SEVERAL_837I',
        );
        expect(finding).toMatchObject({ severity: 'error', path: 'lines' });
        expect(finding?.message).toContain('2 authorizations');
      });
      it('passes one authorization for every line, and an 837P with one per line (REF*G1 on each line)', () => {
        expect(scrubClaim(withAuths([approved('PA-1', ['99214', '83036'])])).clean).toBe(true);
        expect(scrubClaim(withAuths([approved('PA-1', ['99214']), { ...approved('PA-2', ['83036']), status: 'denied' }])).clean).toBe(true);
        const professional = baseInput({ authorizations: [approved('PA-1', ['99214']), approved('PA-2', ['83036'])] });
        expect(ids(professional)).not.toContain('AUTHORIZATIONS_SEVERAL_837I@lines');
      });
    });
    it('room-and-board lines on an inpatient claim need no HCPCS code', () => {
      const claim = outpatient({
        institutional: {
          typeOfBill: '111',
          statementFrom: '2026-03-01',
          statementThrough: '2026-03-04',
          admissionDate: '2026-03-01',
          admissionTypeCode: '1',
          patientStatusCode: '01',
        },
        lines: outpatient().lines.map((l) => ({ ...l, procedureCode: undefined, revenueCode: '0120' })),
      });
      expect(ids(inst(claim)).filter((f) => f.startsWith('PROCEDURE_CODE'))).toEqual([]);
    });
  });

  it('is deterministic: the same input gives the same findings', () => {
    const input = baseInput({ today: '2026-06-15', providers: [billingProvider({ npi: '1234567890' })] });
    expect(scrubClaim(input)).toEqual(scrubClaim(input));
  });
});
