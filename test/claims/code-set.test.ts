import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadIcd10CmCodeSetFile, sampleCodeSetPath } from '#functions/claims/code-set-file.ts';
import { CodeSetFormatError, codeSetsByFiscalYear, fiscalYear, parseIcd10CmCodeSet, scrubClaim } from '#functions/claims/index.ts';
import { billingProvider, coverage, payerProfile, professionalClaim } from '#test/fixtures/accounts/builders.ts';

describe('ICD-10-CM code set from the CMS release files', () => {
  it('reads the shipped order-file sample: headings are not billable, details are', () => {
    const set = loadIcd10CmCodeSetFile(sampleCodeSetPath);
    expect(set.size).toBeGreaterThan(40);
    expect(set.lookup('E11')).toMatchObject({ billable: false, shortDescription: 'Type 2 diabetes mellitus' });
    expect(set.lookup('E11.9')).toMatchObject({ billable: true, longDescription: 'Type 2 diabetes mellitus without complications' });
    expect(set.lookup('s72.001a')?.longDescription).toBe(
      'Fracture of unspecified part of neck of right femur, initial encounter for closed fracture',
    );
    expect(set.lookup('I2510')?.shortDescription).toBe('Athscl heart disease of native cor art w/o ang pctrs');
    expect(set.lookup('E11.8')).toBeUndefined();
    expect(set.billableChildren('E11').map((c) => c.code)).toEqual(['E1165', 'E119']);
  });

  it('every sample line follows the fixed-width layout', () => {
    for (const line of readFileSync(sampleCodeSetPath, 'utf8').trimEnd().split('\n')) {
      expect(line).toMatch(/^\d{5} [A-Z][0-9A-Z ]{6} [01] .{60} \S/);
    }
  });

  it('reads the plain codes-file layout (billable codes only)', () => {
    const set = loadIcd10CmCodeSetFile(new URL('../fixtures/accounts/icd10cm-codes-sample.txt', import.meta.url).pathname);
    expect(set.size).toBe(4);
    expect(set.lookup('W19XXXA')).toMatchObject({ billable: true, longDescription: 'Unspecified fall, initial encounter' });
  });

  it('names the offending line of a malformed file', () => {
    const text = '00001 A00     0 Cholera                                                      Cholera\n00002 ???\n';
    expect(() => parseIcd10CmCodeSet(text, 'bad')).toThrow(
      new CodeSetFormatError('order file line 2 does not follow the fixed-width layout'),
    );
  });
});

describe('code set by fiscal year of the date of service', () => {
  it('maps dates to the federal fiscal year that starts on October 1', () => {
    expect(fiscalYear('2021-09-30')).toBe(2021);
    expect(fiscalYear('2021-10-01')).toBe(2022);
    expect(fiscalYear('2026-12-31')).toBe(2027);
  });

  it('checks a cough diagnosis against the release in effect: R05 was billable until FY2022 split it', () => {
    // FY2022 turned R05 (Cough) into a heading with R05.1–R05.9 beneath it.
    const fy2021 = parseIcd10CmCodeSet(
      'R05     Cough\nE119    Type 2 diabetes mellitus without complications\nI10     Essential (primary) hypertension\n',
      'FY2021 codes file',
    );
    const fy2022 = loadIcd10CmCodeSetFile(sampleCodeSetPath);
    const pick = codeSetsByFiscalYear({ 2021: fy2021, 2022: fy2022 });
    const scrubOn = (dos: string) => {
      const claim = professionalClaim({ diagnoses: [{ code: 'R05' }] });
      const lines = claim.lines.map((l) => ({ ...l, serviceDateFrom: dos, serviceDateTo: dos, diagnosisPointers: [1] }));
      return scrubClaim({
        claim: { ...claim, lines, createdAt: '2021-10-02T00:00:00Z' },
        coverages: [coverage({ effectiveDate: '2021-01-01' })],
        providers: [billingProvider()],
        payerProfile: payerProfile({ timelyFilingDays: 365 }),
        authorizations: [],
        otherClaims: [],
        codeSet: fy2022,
        codeSetForDate: pick,
        today: '2021-10-05',
      }).findings.filter((f) => f.id.startsWith('ICD10'));
    };
    expect(scrubOn('2021-09-30')).toEqual([]);
    expect(scrubOn('2021-10-01').map((f) => f.message)).toEqual([
      'Diagnosis R05 is a heading, not a billable code; pick a more specific code such as R05.1, R05.9.',
    ]);
    expect(pick('2019-05-01')).toBeUndefined();
  });
});
