/**
 * Every segment, loop and code list of 005010X221A1 that the guide defines, written by the engine and
 * read back without a single finding: BPR, TRN, CUR, REF, DTM, the payer and payee loops, LX/TS3/TS2,
 * CLP with every status code, CAS with six triplets at claim and service level, every claim NM1, MIA,
 * MOA, REF, DTM, PER, AMT, QTY, SVC with every product qualifier, LQ and PLB with six pairs.
 */
import { describe, expect, it } from 'vitest';
import { TS835, CLAIM_STATUS_CODES, CODES_835 } from '#functions/x12/definitions/ts835.ts';
import { ADJUSTMENT_GROUP_CODES } from '#functions/x12/definitions/common.ts';
import { writeInterchange, sequentialControlNumbers } from '#functions/x12/interchange-writer.ts';
import { parseX12 } from '#functions/x12/parse.ts';
import { readRemittanceClaims } from '#functions/x12/remittance-stream.ts';
import type { Claim835, Remittance835, Service835 } from '#functions/x12/types835.ts';
import type { ModelObject } from '#functions/x12/reader.ts';
import { EXAMPLE_PARTIES } from '#functions/x12/examples.ts';

const six = (prefix: string) => Array.from({ length: 6 }, (_, i) => ({ reasonCode: `${prefix}${i + 1}`, amountCents: 100, quantity: '1' }));

function service(qualifier: string, i: number): Service835 {
  return {
    procedure: { qualifier, code: `CODE${i}`, modifier1: 'AA', modifier2: 'BB', modifier3: 'CC', modifier4: 'DD' },
    chargeCents: 10000,
    paymentCents: 10000 - 600,
    revenueCode: '0450',
    unitsPaid: '1',
    originalProcedure: {
      qualifier: CODES_835.originalProduct[i % CODES_835.originalProduct.length] as string,
      code: `ORIG${i}`,
      modifier1: 'EE',
      description: 'SUBMITTED CODE',
    },
    originalUnits: '2',
    dates: [
      { qualifier: '150', date: '20260101' },
      { qualifier: '151', date: '20260102' },
    ],
    adjustments: [{ groupCode: 'CO', adjustments: six('') }],
    references: [
      { qualifier: '6R', value: `LINE${i}` },
      { qualifier: 'APC', value: '0123' },
      { qualifier: 'HPI', value: '1234567893' },
      { qualifier: '0K', value: 'POLICY' },
    ],
    amounts: [
      { qualifier: 'B6', amountCents: 9400 },
      { qualifier: 'KH', amountCents: 0 },
    ],
    quantities: [{ qualifier: 'ZK', quantity: '1' }],
    remarks: [
      { codeListQualifier: 'HE', code: 'M15' },
      { codeListQualifier: 'RX', code: 'N1' },
    ],
  };
}

function claim(statusCode: string, i: number): Claim835 {
  const services = CODES_835.serviceProduct.map((q, k) => service(q, k));
  const serviceCharge = services.reduce((n, s) => n + s.chargeCents, 0);
  const claimAdjustments = [{ groupCode: ADJUSTMENT_GROUP_CODES[i % ADJUSTMENT_GROUP_CODES.length] as string, adjustments: six('A') }];
  const adjusted = 600 + services.length * 600;
  return {
    patientControlNumber: `PCN${i}`,
    statusCode,
    chargeCents: serviceCharge,
    paymentCents: serviceCharge - adjusted,
    patientResponsibilityCents: 600,
    claimFilingIndicator: 'MA',
    payerClaimControlNumber: `ICN${i}`,
    facilityTypeCode: '11',
    frequencyCode: '1',
    drgCode: '470',
    drgWeight: '1.9',
    dischargeFraction: '.5',
    adjustments: claimAdjustments,
    patient: { entityType: '1', lastName: 'DOE', firstName: 'JANE', middleName: 'Q', suffix: 'JR', idQualifier: 'MI', id: 'MEMBER1' },
    insured: { entityType: '1', lastName: 'DOE', firstName: 'JOHN', idQualifier: 'MI', id: 'MEMBER0' },
    correctedPatient: { entityType: '1', lastName: 'DOE', firstName: 'JANET', idQualifier: 'C', id: 'NEWID' },
    renderingProvider: { entityType: '1', lastName: 'SMITH', firstName: 'ANN', idQualifier: 'XX', id: '1234567893' },
    crossoverCarrier: { entityType: '2', lastName: 'MEDIGAP PLAN', idQualifier: 'PI', id: 'CARRIER1' },
    correctedPriorityPayer: { entityType: '2', lastName: 'PRIMARY PLAN', idQualifier: 'PI', id: 'PAYER2' },
    otherSubscriber: { entityType: '1', lastName: 'ROE', firstName: 'RICHARD', idQualifier: 'MI', id: 'OTHER1' },
    inpatientAdjudication: {
      coveredDays: '3',
      ppsOperatingOutlierCents: 100,
      lifetimePsychiatricDays: '0',
      drgAmountCents: 5000,
      remarkCode1: 'MA01',
      disproportionateShareCents: 1,
      mspPassThroughCents: 2,
      ppsCapitalCents: 3,
      ppsCapitalFspDrgCents: 4,
      ppsCapitalHspDrgCents: 5,
      ppsCapitalDshDrgCents: 6,
      oldCapitalCents: 7,
      ppsCapitalImeCents: 8,
      ppsOperatingHospitalSpecificDrgCents: 9,
      costReportDayCount: '3',
      ppsOperatingFederalSpecificDrgCents: 10,
      ppsCapitalOutlierCents: 11,
      indirectTeachingCents: 12,
      nonpayableProfessionalCents: 13,
      remarkCode2: 'MA02',
      remarkCode3: 'MA03',
      remarkCode4: 'MA04',
      remarkCode5: 'MA05',
      ppsCapitalExceptionCents: 14,
    },
    outpatientAdjudication: {
      reimbursementRate: '.8',
      hcpcsPayableCents: 100,
      remarkCode1: 'MA01',
      remarkCode2: 'MA02',
      remarkCode3: 'MA03',
      remarkCode4: 'MA04',
      remarkCode5: 'MA05',
      esrdPaymentCents: 1,
      nonpayableProfessionalCents: 2,
    },
    references: [
      { qualifier: 'EA', value: 'MRN1' },
      { qualifier: 'F8', value: 'ORIGINAL' },
      { qualifier: '1A', value: 'BLUECROSS' },
    ],
    dates: [
      { qualifier: '232', date: '20260101' },
      { qualifier: '233', date: '20260103' },
      { qualifier: '036', date: '20261231' },
      { qualifier: '050', date: '20260105' },
    ],
    contacts: [
      {
        functionCode: 'CX',
        name: 'CLAIMS',
        numbers: [
          { qualifier: 'TE', number: '8005551212' },
          { qualifier: 'EX', number: '12' },
        ],
      },
    ],
    amounts: CODES_835.claimAmounts.map((qualifier) => ({ qualifier, amountCents: 100 })),
    quantities: CODES_835.claimQuantities.map((qualifier) => ({ qualifier, quantity: '1' })),
    services,
  };
}

function remittance(): Remittance835 {
  const claims = CLAIM_STATUS_CODES.map((s, i) => claim(s, i));
  const claimsTotal = claims.reduce((n, c) => n + c.paymentCents, 0);
  const plb = CODES_835.providerAdjustmentReasons
    .slice(0, 6)
    .map((code, i) => ({ reason: { code, referenceId: `REF${i}` }, amountCents: 100 * (i + 1) }));
  const total = claimsTotal - plb.reduce((n, a) => n + a.amountCents, 0);
  return {
    payment: {
      transactionHandlingCode: 'I',
      totalPaymentCents: total,
      creditDebitFlag: 'C',
      paymentMethod: 'ACH',
      paymentFormat: 'CCP',
      senderDfiQualifier: '01',
      senderDfiId: '999999992',
      senderAccountQualifier: 'DA',
      senderAccountNumber: '123456',
      originatingCompanyId: '1512345678',
      originatingCompanySupplementalCode: '999999999',
      receiverDfiQualifier: '01',
      receiverDfiId: '999988880',
      receiverAccountQualifier: 'DA',
      receiverAccountNumber: '98765',
      paymentDate: '20260105',
    },
    trace: { traceType: '1', checkOrEftNumber: 'EFT12345', originatorId: '1512345678', originatorSupplementalId: 'DIVISION' },
    currency: { entityCode: 'PR', currencyCode: 'USD' },
    references: [
      { qualifier: 'EV', value: 'RECEIVER' },
      { qualifier: 'F2', value: 'VERSION' },
    ],
    productionDate: { date: '20260104' },
    payer: {
      name: 'PAYER',
      idQualifier: 'XV',
      id: 'PAYERID',
      address: { line1: '1 MAIN ST' },
      city: { city: 'ANYTOWN', state: 'NY', postalCode: '12345' },
      references: [
        { qualifier: '2U', value: 'PAYER2U' },
        { qualifier: 'NF', value: 'NAIC' },
      ],
      contacts: [
        { functionCode: 'CX', name: 'BUSINESS', numbers: [{ qualifier: 'TE', number: '8005550000' }] },
        {
          functionCode: 'BL',
          name: 'TECH',
          numbers: [
            { qualifier: 'TE', number: '8005550001' },
            { qualifier: 'EM', number: 'edi@example.com' },
          ],
        },
        { functionCode: 'BL', name: 'TECH2', numbers: [{ qualifier: 'UR', number: 'example.com/edi' }] },
        { functionCode: 'IC', numbers: [{ qualifier: 'UR', number: 'example.com' }] },
      ],
    },
    payee: {
      name: 'PROVIDER',
      idQualifier: 'XX',
      id: '1234567893',
      address: { line1: '2 MAIN ST', line2: 'SUITE 1' },
      city: { city: 'ANYTOWN', state: 'NY', postalCode: '12345' },
      references: [
        { qualifier: 'TJ', value: '123456789' },
        { qualifier: 'PQ', value: 'PAYEE' },
      ],
      remittanceDelivery: { method: 'EM', name: 'REMITS', communicationNumber: 'remits@example.com' },
    },
    headers: [
      {
        assignedNumber: 1,
        providerSummary: {
          providerId: '1234567893',
          facilityTypeCode: '11',
          fiscalPeriodDate: '20261231',
          claimCount: String(claims.length),
          totalChargeCents: claims.reduce((n, c) => n + c.chargeCents, 0),
          totalMsp: 0,
          totalNonLabChargeCents: 0,
          totalHcpcsReportedChargeCents: 0,
          totalHcpcsPayableCents: 0,
          totalProfessionalComponentCents: 0,
          totalMspPatientLiabilityMetCents: 0,
          totalPatientReimbursementCents: 0,
          totalPipClaimCount: '0',
          totalPipAdjustmentCents: 0,
        },
        providerSupplementalSummary: {
          totalDrgCents: 100,
          totalFederalSpecificCents: 1,
          totalHospitalSpecificCents: 2,
          totalDisproportionateShareCents: 3,
          totalCapitalCents: 4,
          totalIndirectMedicalEducationCents: 5,
          totalOutlierDayCount: '0',
          totalDayOutlierCents: 6,
          totalCostOutlierCents: 7,
          averageDrgLengthOfStay: '3',
          totalDischargeCount: '1',
          totalCostReportDayCount: '3',
          totalCoveredDayCount: '3',
          totalNoncoveredDayCount: '0',
          totalMspPassThroughCents: 8,
          averageDrgWeight: '1.9',
          totalPpsCapitalFspDrgCents: 9,
          totalPpsCapitalHspDrgCents: 10,
          totalPpsDshDrgCents: 11,
        },
        claims,
      },
    ],
    providerAdjustments: [{ providerId: '1234567893', fiscalPeriodDate: '20261231', adjustments: plb }],
  };
}

const write835 = (model: Remittance835): string =>
  writeInterchange(EXAMPLE_PARTIES, [{ def: TS835, model: model as unknown as ModelObject }], sequentialControlNumbers());

describe('005010X221A1 coverage', () => {
  const model = remittance();
  const text = write835(model);

  it('writes and reads back every segment, loop and code the guide lists, without a single finding', () => {
    const result = parseX12(text, { strict: true });
    const t = result.transactions[0];
    expect([...result.findings, ...(t?.findings ?? [])]).toEqual([]);
    expect(t?.model).toEqual(model);
    expect(t?.balance).toMatchObject({ balanced: true, claimCount: CLAIM_STATUS_CODES.length });
    for (const id of [
      'BPR',
      'TRN',
      'CUR',
      'REF*EV',
      'REF*F2',
      'DTM*405',
      'N1*PR',
      'PER*CX',
      'PER*BL',
      'PER*IC',
      'N1*PE',
      'RDM',
      'LX',
      'TS3',
      'TS2',
      'CLP',
      'CAS',
      'NM1*QC',
      'NM1*IL',
      'NM1*74',
      'NM1*82',
      'NM1*TT',
      'NM1*PR',
      'NM1*GB',
      'MIA',
      'MOA',
      'DTM*232',
      'DTM*036',
      'DTM*050',
      'PER*CX',
      'AMT',
      'QTY',
      'SVC',
      'DTM*150',
      'REF*6R',
      'REF*0K',
      'LQ*HE',
      'LQ*RX',
      'PLB',
    ]) {
      expect(text).toContain(`\n${id}*`);
    }
  });

  it('carries all six CAS triplets at claim and service level and all six PLB pairs', () => {
    expect(text).toMatch(/\nCAS\*CO\*1\*1\*1\*2\*1\*1\*3\*1\*1\*4\*1\*1\*5\*1\*1\*6\*1\*1~/);
    expect(text).toMatch(/\nPLB\*1234567893\*20261231(\*[0-9A-Z]{2}:REF\d\*\d+){6}~/);
  });

  it('reads every CLP02 status code and every SVC01-1 product qualifier without warnings', () => {
    const t = parseX12(text).transactions[0];
    const claims = (t?.model as unknown as Remittance835).headers?.[0]?.claims ?? [];
    expect(claims.map((c) => c.statusCode)).toEqual([...CLAIM_STATUS_CODES]);
    expect(claims[0]?.services?.map((s) => s.procedure.qualifier)).toEqual([...CODES_835.serviceProduct]);
  });

  it('warns about codes outside the guide without echoing values, and rejects them in the writer', () => {
    const bad = text.replace('\nCLP*PCN0*1*', '\nCLP*PCN0*9*').replace('\nSVC*AD:', '\nSVC*ZZ:').replace('\nCAS*CO*', '\nCAS*CR*');
    const findings = parseX12(bad).transactions[0]?.findings ?? [];
    expect(findings.map((f) => `${f.code} ${f.segmentId}${f.elementPosition}${f.componentPosition ?? ''}`)).toEqual([
      'INVALID_CODE CLP2',
      'INVALID_CODE CAS1',
      'INVALID_CODE SVC11',
    ]);
    const wrong = remittance();
    (wrong.headers?.[0]?.claims[0] as Claim835).statusCode = '9';
    expect(() => write835(wrong)).toThrow(/CLP02 to be one of the guide's codes/);
  });

  it('streams the same claims per claim', () => {
    const claims = [...readRemittanceClaims(text)].flatMap((e) => (e.type === 'claim' ? [e.claim] : []));
    expect(claims).toEqual(model.headers?.[0]?.claims);
  });
});
