/**
 * The rarer 2300/2400 segments of 837P (X222A1) and 837I (X223A2): PWK attachments, CN1, K3, NTE,
 * CR1/CR2/CR3/CRC, HCP repricing, SV5 DME, PS1 purchased service, MEA, QTY and the 2440 form loop,
 * written in the guide's order and read back to the same model.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TS837I, TS837P } from '#functions/x12/definitions/ts837.ts';
import { writeInterchange, sequentialControlNumbers } from '#functions/x12/interchange-writer.ts';
import { parseX12 } from '#functions/x12/parse.ts';
import { EXAMPLE_837I, EXAMPLE_837P, EXAMPLE_PARTIES } from '#functions/x12/examples.ts';
import type { Claim837, ClaimDocument837, ServiceLine837 } from '#functions/x12/types837.ts';
import type { ModelObject } from '#functions/x12/reader.ts';
import type { TransactionSetDef } from '#functions/x12/schema.ts';
import { claimDocument } from './arbitraries.ts';

const write = (def: TransactionSetDef, model: ClaimDocument837): string =>
  writeInterchange(EXAMPLE_PARTIES, [{ def, model: model as unknown as ModelObject }], sequentialControlNumbers());

/** The example document with its first claim and first line extended. */
function withRare(example: ClaimDocument837, claim: Partial<Claim837>, line: Partial<ServiceLine837>): ClaimDocument837 {
  const doc = structuredClone(example);
  const subscriber = doc.billingProviders[0]?.subscribers[0];
  const first = subscriber?.claims?.[0] ?? subscriber?.patients?.[0]?.claims[0];
  if (!first) throw new Error('example changed');
  Object.assign(first, claim);
  Object.assign(first.serviceLines[0] as ServiceLine837, line);
  return doc;
}

function segmentIds(text: string): string[] {
  return text.split('~\n').map((s) => s.split('*')[0] as string);
}

const REPRICING = {
  pricingMethodology: '02',
  allowedCents: 12000,
  savingsCents: 3000,
  organizationId: 'REPRICER1',
  rejectReasonCode: 'T1',
  policyComplianceCode: '1',
  exceptionCode: '2',
};

describe('837P rarer segments', () => {
  const doc = withRare(
    EXAMPLE_837P,
    {
      attachments: [{ reportType: 'OZ', transmissionCode: 'FX', idQualifier: 'AC', controlNumber: 'ATTACH1' }],
      contract: { typeCode: '02', amountCents: 10000, percent: '80', code: 'CONTRACT', versionId: 'V1' },
      fileInformation: [{ text: 'STATE DATA REQUIREMENT' }],
      notes: [{ referenceCode: 'ADD', text: 'ADDITIONAL INFORMATION' }],
      ambulanceTransport: {
        weightUnit: 'LB',
        weight: '180',
        reasonCode: 'A',
        distanceUnit: 'DH',
        distance: '12',
        roundTripPurpose: 'DIALYSIS',
      },
      spinalManipulation: { conditionCode: 'A', description1: 'ACUTE' },
      conditions: [
        { category: '07', response: 'Y', condition1: '01', condition2: '04' },
        { category: 'E1', response: 'N', condition1: 'L1' },
      ],
      repricing: { ...REPRICING, approvedDrgCode: '470', approvedDrgCents: 9000 },
    },
    {
      dme: {
        procedure: { qualifier: 'HC', code: 'E0601' },
        unitBasis: 'DA',
        lengthOfNeed: '30',
        rentalPriceCents: 5000,
        purchasePriceCents: 40000,
        rentalUnitPriceIndicator: '4',
      },
      attachments: [
        { reportType: 'CT', transmissionCode: 'AD' },
        { reportType: 'OB', transmissionCode: 'EL', idQualifier: 'AC', controlNumber: 'LINEATTACH' },
      ],
      ambulanceTransport: { reasonCode: 'B', distanceUnit: 'DH', distance: '3.5' },
      dmeCertification: { typeCode: 'I', unit: 'MO', duration: '6' },
      conditions: [{ category: '09', response: 'Y', condition1: 'ZV' }],
      quantities: [{ qualifier: 'PT', quantity: '2' }],
      measurements: [{ referenceCode: 'OG', qualifier: 'R1', value: '11.5' }],
      contract: { typeCode: '09', code: 'LINECONTRACT' },
      fileInformation: [{ text: 'LINE DATA' }],
      notes: [{ referenceCode: 'DCP', text: 'GOALS MET' }],
      purchasedService: { providerId: 'LAB123', chargeCents: 4500 },
      repricing: { ...REPRICING, procedureQualifier: 'HC', approvedProcedureCode: '99213', unitBasis: 'UN', approvedUnits: '1' },
      forms: [
        {
          codeListQualifier: 'UT',
          code: '01.02',
          answers: [
            { questionNumber: '1', answer: 'Y' },
            { questionNumber: '2', date: '20260101' },
            { questionNumber: '3', percent: '50' },
          ],
        },
      ],
    },
  );
  const text = write(TS837P, doc);

  it('writes them in the order of the guide', () => {
    const ids = segmentIds(text);
    const claim = ids.slice(ids.indexOf('CLM'), ids.indexOf('LX'));
    expect(claim.filter((s) => ['CLM', 'PWK', 'CN1', 'REF', 'K3', 'NTE', 'CR1', 'CR2', 'CRC', 'HI', 'HCP'].includes(s))).toEqual([
      'CLM',
      'PWK',
      'CN1',
      'REF',
      'K3',
      'NTE',
      'CR1',
      'CR2',
      'CRC',
      'CRC',
      'HI',
      'HCP',
    ]);
    const line = ids.slice(ids.indexOf('LX'), ids.indexOf('SE'));
    expect(
      line.filter((s) =>
        ['LX', 'SV1', 'SV5', 'PWK', 'CR1', 'CR3', 'CRC', 'DTP', 'QTY', 'MEA', 'CN1', 'K3', 'NTE', 'PS1', 'HCP', 'LQ', 'FRM'].includes(s),
      ),
    ).toEqual([
      'LX',
      'SV1',
      'SV5',
      'PWK',
      'PWK',
      'CR1',
      'CR3',
      'CRC',
      'DTP',
      'QTY',
      'MEA',
      'CN1',
      'K3',
      'NTE',
      'PS1',
      'HCP',
      'LQ',
      'FRM',
      'FRM',
      'FRM',
      'LX',
      'SV1',
      'DTP',
    ]);
    expect(text).toContain('\nSV5*HC:E0601*DA*30*50*400*4~');
    expect(text).toContain('\nPS1*LAB123*45~');
  });

  it('reads them back to the same model, strictly and without findings', () => {
    const r = parseX12(text, { strict: true });
    expect(r.transactions[0]?.findings).toEqual([]);
    expect(r.transactions[0]?.model).toEqual(doc);
  });
});

describe('837I rarer segments', () => {
  const doc = withRare(
    EXAMPLE_837I,
    {
      attachments: [{ reportType: 'B4', transmissionCode: 'BM' }],
      contract: { typeCode: '05', percent: '90' },
      fileInformation: [{ text: 'K3 DATA' }, { text: 'MORE K3 DATA' }],
      notes: [
        { referenceCode: 'ALG', text: 'PENICILLIN' },
        { referenceCode: 'UPI', text: 'UPDATED' },
      ],
      conditions: [{ category: 'ZZ', response: 'Y', condition1: 'NU' }],
      repricing: { ...REPRICING, perDiemRate: '1200.50', approvedDrgCode: '470', approvedDrgCents: 9000, approvedRevenueCode: '0120' },
    },
    {
      attachments: [{ reportType: 'OZ', transmissionCode: 'EL', idQualifier: 'AC', controlNumber: 'X1' }],
      notes: [{ referenceCode: 'TPO', text: 'THIRD PARTY NOTE' }],
      repricing: { ...REPRICING, procedureQualifier: 'HC', approvedProcedureCode: '99213' },
    },
  );
  const text = write(TS837I, doc);

  it('writes K3 after REF and before NTE, and reads everything back', () => {
    const ids = segmentIds(text);
    const claim = ids.slice(ids.indexOf('CLM'), ids.indexOf('LX'));
    expect(claim.filter((s) => ['CLM', 'CL1', 'PWK', 'CN1', 'K3', 'NTE', 'CRC', 'HCP'].includes(s))).toEqual([
      'CLM',
      'CL1',
      'PWK',
      'CN1',
      'K3',
      'K3',
      'NTE',
      'NTE',
      'CRC',
      'HCP',
    ]);
    const r = parseX12(text, { strict: true });
    expect(r.transactions[0]?.findings).toEqual([]);
    expect(r.transactions[0]?.model).toEqual(doc);
  });

  it('has no 837P-only segment: an SV5 or PS1 in an 837I line is unexpected', () => {
    const bad = text.replace(/\nSV2\*([^~]*)~/, '\nSV2*$1~\nPS1*LAB*10~');
    expect(parseX12(bad).transactions[0]?.findings.map((f) => `${f.code} ${f.segmentId}`)).toContain('UNEXPECTED_SEGMENT PS1');
  });
});

describe('generated claims with the rarer segments (property)', () => {
  it.each([
    ['837P', TS837P, 'P'],
    ['837I', TS837I, 'I'],
  ] as const)('%s: round-trips and exercises every rarer segment', (_name, def, variant) => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(claimDocument(variant), (model) => {
        const text = write(def, model);
        for (const id of segmentIds(text)) seen.add(id);
        const r = parseX12(text, { strict: true });
        expect(r.transactions[0]?.findings.filter((f) => f.severity === 'error')).toEqual([]);
        expect(r.transactions[0]?.model).toEqual(model);
      }),
      { numRuns: 60 },
    );
    const expected =
      variant === 'P'
        ? ['PWK', 'CN1', 'K3', 'NTE', 'CR1', 'CR2', 'CR3', 'CRC', 'HCP', 'SV5', 'PS1', 'MEA', 'QTY', 'LQ', 'FRM']
        : ['PWK', 'CN1', 'K3', 'NTE', 'CRC', 'HCP'];
    expect(expected.filter((id) => !seen.has(id))).toEqual([]);
  });
});
