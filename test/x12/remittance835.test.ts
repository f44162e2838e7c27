import { describe, expect, it } from 'vitest';
import { parseX12 } from '#functions/x12/parse.ts';
import { claimsOf } from '#functions/x12/types835.ts';
import type { Remittance835 } from '#functions/x12/types835.ts';
import { balance835 } from '#functions/x12/balance835.ts';
import { AFFECT, fixture, LFH, TASTY } from './helpers.ts';

const BARE = { element: '*', component: ':', repetition: '^', segment: '~' };

function remit(path: string, options = {}): { model: Remittance835; result: ReturnType<typeof parseX12> } {
  const result = parseX12(fixture(path), options);
  const model = result.transactions[0]?.model as unknown as Remittance835;
  return { model, result };
}

describe('835 reading', () => {
  it('reads the Medicare Part A TR3 example completely and balances with PLB', () => {
    const { model, result } = remit('LinuxForHealth-x12/demo-file/demo.835');
    expect(model.payment).toMatchObject({
      transactionHandlingCode: 'C',
      totalPaymentCents: 15000000,
      creditDebitFlag: 'C',
      paymentMethod: 'ACH',
      paymentDate: '20020913',
    });
    expect(model.trace).toEqual({ traceType: '1', checkOrEftNumber: '12345', originatorId: '1512345678' });
    expect(model.payer.name).toBe('INSURANCE COMPANY OF TIMBUCKTU');
    expect(model.payer.references).toEqual([{ qualifier: '2U', value: '999' }]);
    expect(model.payee).toMatchObject({ idQualifier: 'XX', id: '6543210903' });
    expect(model.headers).toHaveLength(2);
    const [first, second] = claimsOf(model);
    expect(first).toMatchObject({
      patientControlNumber: '666123',
      statusCode: '1',
      chargeCents: 21136697,
      paymentCents: 13801840,
      claimFilingIndicator: 'MA',
    });
    expect(first?.adjustments).toEqual([{ groupCode: 'CO', adjustments: [{ reasonCode: '45', amountCents: 7334857 }] }]);
    expect(first?.inpatientAdjudication).toEqual({ coveredDays: '0', drgAmountCents: 13801840 });
    expect(first?.quantities).toEqual([{ qualifier: 'CA', quantity: '8.00' }]);
    expect(second?.outpatientAdjudication).toEqual({ remarkCode1: 'MA02' });
    expect(model.providerAdjustments).toEqual([
      {
        providerId: '6543210903',
        fiscalPeriodDate: '20021231',
        adjustments: [{ reason: { code: 'CV', referenceId: 'CP' }, amountCents: -127 }],
      },
    ]);
    const balance = result.transactions[0]?.balance;
    expect(balance).toMatchObject({
      balanced: true,
      claimCount: 2,
      totalClaimPaymentCents: 14999873,
      totalProviderAdjustmentCents: -127,
      totalPaymentCents: 15000000,
    });
  });

  it('reads service lines with composite procedures, modifiers, CAS, REF, AMT and LQ remarks', () => {
    const { model, result } = remit(`${AFFECT}emedny_sample.txt`);
    expect(result.valid).toBe(true);
    const claims = claimsOf(model);
    expect(claims.map((c) => c.statusCode)).toEqual(['1', '2', '2']);
    const svc = claims[2]?.services?.[2];
    expect(svc).toMatchObject({
      procedure: { qualifier: 'HC', code: 'V2700', modifier1: 'RB' },
      chargeCents: 275,
      paymentCents: 0,
      remarks: [{ codeListQualifier: 'HE', code: 'N206' }],
    });
    expect(svc?.adjustments).toEqual([{ groupCode: 'CO', adjustments: [{ reasonCode: '251', amountCents: 275 }] }]);
    expect(claims[0]?.correctedPatient).toMatchObject({ entityType: '1' });
    expect(model.payer.contacts?.[0]).toMatchObject({
      functionCode: 'BL',
      numbers: [
        { qualifier: 'TE', number: '8003439000' },
        { qualifier: 'UR', number: 'www.emedny.org' },
      ],
    });
  });

  it('reads CAS with several triplets and quantities (UnitedHealthcare sample) and balances', () => {
    const { model, result } = remit(`${AFFECT}united_healthcare_legacy_sample.txt`);
    expect(result.valid).toBe(true);
    const svc = claimsOf(model)[1]?.services?.[2];
    expect(svc?.adjustments?.[0]).toEqual({
      groupCode: 'PR',
      adjustments: [
        { reasonCode: '2', amountCents: 513 },
        { reasonCode: '1', amountCents: 11000 },
      ],
    });
    expect(svc?.procedure).toEqual({ qualifier: 'HC', code: 'B4154' });
  });

  it('reads Nevada Medicaid: non-fixed-width ISA, three ST, denied claims, BPR*H and a PLB-only remittance', () => {
    const { result } = remit(`${AFFECT}nevada_medicaid.txt`);
    expect(result.summary).toEqual({ interchanges: 1, groups: 1, transactionSets: 3 });
    expect(result.findings.map((f) => f.code)).toEqual(['ISA_NOT_FIXED_WIDTH', 'IEA_CONTROL_NUMBER']);
    // Both are envelope mismatches: errors to the conformance profile, warnings to the tolerant one.
    expect(result.findings.every((f) => f.severity === 'error')).toBe(true);
    expect(result.valid).toBe(false);
    expect(parseX12(fixture(`${AFFECT}nevada_medicaid.txt`), { profile: 'tolerant' }).valid).toBe(true);
    const third = result.transactions[2];
    const model = third?.model as unknown as Remittance835;
    expect(model.providerAdjustments?.[0]?.adjustments).toHaveLength(6);
    expect(model.providerAdjustments?.[0]?.adjustments[0]).toEqual({
      reason: { code: 'CT', referenceId: '888888888' },
      amountCents: -109246,
    });
    expect(third?.balance).toMatchObject({
      balanced: true,
      claimCount: 0,
      totalProviderAdjustmentCents: -181227,
      totalPaymentCents: 181227,
    });
    expect(claimsOf(result.transactions[0]?.model as unknown as Remittance835)[0]?.statusCode).toBe('4');
  });

  it('reads every segment of the exhaustive (masked) sample when given bare delimiters', () => {
    const result = parseX12(fixture(`${AFFECT}exhaustive_sample.txt`), { bareDelimiters: { ...BARE, component: '>' } });
    const t = result.transactions[0];
    const model = t?.model as unknown as Remittance835;
    expect(t?.findings.some((f) => f.code === 'NO_ENVELOPE')).toBe(true);
    expect(t?.findings.filter((f) => f.code === 'UNEXPECTED_SEGMENT')).toEqual([]);
    expect(model.currency).toEqual({ entityCode: 'PR', currencyCode: 'XXX' });
    expect(model.payee.remittanceDelivery).toMatchObject({ method: 'EM' });
    const claim = claimsOf(model)[0];
    expect(claim?.adjustments?.[0]?.adjustments).toHaveLength(6);
    expect(claim?.crossoverCarrier).toBeDefined();
    expect(claim?.otherSubscriber).toBeDefined();
    expect(claim?.services?.[0]?.procedure.qualifier).toBe('NU');
    expect(claim?.services?.[0]?.originalProcedure?.qualifier).toBe('HC');
    expect(claim?.services?.[0]?.adjustments?.[0]?.adjustments).toHaveLength(6);
    expect(model.providerAdjustments?.[0]?.adjustments).toHaveLength(6);
    expect(model.headers?.[0]?.providerSummary).toBeDefined();
    expect(model.headers?.[0]?.providerSupplementalSummary).toBeDefined();
  });

  it('reports a bare ST..SE fragment without delimiters as NO_ISA', () => {
    expect(() => parseX12(fixture(`${AFFECT}blue_cross_nc_sample.txt`))).toThrow(/NO_ISA/);
    const result = parseX12(fixture(`${AFFECT}blue_cross_nc_sample.txt`), { bareDelimiters: BARE });
    const t = result.transactions[0];
    // The third SVC has its amounts in SVC07/SVC08: reported as missing SVC02/SVC03, excluded from line balancing.
    expect(t?.balance).toMatchObject({ balanced: true, totalClaimPaymentCents: 192286, totalPaymentCents: 192286 });
    // TRN03 is not the 10-character company id, PER*BL has a 3-character qualifier and no number, the
    // third SVC has 8 elements, and SE01 is stale.
    expect(
      t?.findings.filter((f) => f.severity === 'error').map((f) => `${f.code}:${f.segmentId}${f.elementPosition}@${f.segmentPosition}`),
    ).toEqual([
      'INVALID_LENGTH:TRN3@3',
      // PER*CX*TE*8005554844: the number stands at PER03, whose qualifier list it is not in.
      'INVALID_CODE:PER3@9',
      'MISSING_ELEMENT:PER4@9',
      'SYNTAX_PAIRED:PER3@9',
      'MISSING_ELEMENT:SVC2@28',
      'MISSING_ELEMENT:SVC3@28',
      'TOO_MANY_ELEMENTS:SVC8@28',
      'SE_COUNT:SE1@32',
    ]);
  });

  it('parses all 156 interchanges of the concatenated file and balances each', () => {
    const result = parseX12(fixture(`${TASTY}profee-multiple.edi`));
    expect(result.summary).toEqual({ interchanges: 156, groups: 156, transactionSets: 156 });
    expect(result.transactions.reduce((n, t) => n + (t.balance?.claimCount ?? 0), 0)).toBe(468);
    // The concatenated interchanges reuse their ISA13s: not conformant as one file, accepted by the tolerant profile.
    expect(result.findings.every((f) => f.code === 'DUPLICATE_INTERCHANGE')).toBe(true);
    expect(result.valid).toBe(false);
    expect(parseX12(fixture(`${TASTY}profee-multiple.edi`), { profile: 'tolerant' }).valid).toBe(true);
  });

  it.each([
    `${TASTY}profee.edi`,
    `${TASTY}profee-one-line.edi`,
    `${TASTY}multi-line-not-delimited.edi`,
    `${AFFECT}emedny_sample.txt`,
    `${AFFECT}united_healthcare_legacy_sample.txt`,
  ])('%s is valid and balances', (path) => {
    const result = parseX12(fixture(path));
    expect(result.transactions.every((t) => t.balance?.balanced)).toBe(true);
    expect(result.transactions.flatMap((t) => t.findings).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reports the calendar date and Not Used elements that two TR3 examples get wrong', () => {
    // BPR16 is 20002316: month 23. Intake quarantines this file for the same reason.
    const managed = parseX12(fixture(`${LFH}835_005010X221A1/managed-care.835`)).transactions[0];
    expect(managed?.findings.map((f) => `${f.severity}:${f.code}:${f.segmentId}${f.elementPosition}`)).toEqual([
      'error:INVALID_DATE:BPR16',
    ]);
    expect(managed?.balance?.balanced).toBe(true);
    // TS309 and TS311 are Not Used in X221A1.
    const partA = parseX12(fixture(`${LFH}835_005010X221A1/medicare-part-a.835`)).transactions[0];
    expect(partA?.findings.map((f) => `${f.code}:${f.segmentId}${f.elementPosition}@${f.segmentPosition}`)).toEqual([
      'UNUSED_ELEMENT:TS39@13',
      'UNUSED_ELEMENT:TS311@13',
      'UNUSED_ELEMENT:TS39@23',
      'UNUSED_ELEMENT:TS311@23',
    ]);
    expect(partA?.balance?.balanced).toBe(true);
  });

  it('reports exactly the defects of the malformed TR3 examples', () => {
    const tertiary = parseX12(fixture(`${LFH}835_005010X221A1/tertiary-payment.835`)).transactions[0];
    // SVC01 is "HC" with no code, so the service's amounts shift by one element and cannot balance.
    expect(tertiary?.balance?.findings).toEqual([
      {
        level: 'service',
        claimId: '0001000054',
        claimIndex: 0,
        serviceIndex: 0,
        chargeCents: 2459900,
        adjustmentCents: 157900,
        paymentCents: 176650,
        differenceCents: 2125350,
      },
    ]);
    expect(tertiary?.findings.filter((f) => f.severity === 'error').map((f) => `${f.code}:${f.segmentId}${f.elementPosition}`)).toEqual([
      'MISSING_ELEMENT:BPR16',
      'MISSING_ELEMENT:SVC1',
      'INVALID_CODE:SVC6',
      'MISSING_ELEMENT:SVC6',
    ]);
    const cob = parseX12(fixture(`${LFH}835_005010X221A1/cob-contractural-adjustment.835`));
    expect(cob.valid).toBe(false);
    expect(cob.transactions[0]?.balance?.balanced).toBe(true);
  });
});

describe('835 balancing findings', () => {
  const base = (clp: string, svc: string, bpr = '100', plb = ''): string =>
    'ISA*00*          *00*          *ZZ*PAYER          *ZZ*PROVIDER       *260105*0930*^*00501*000000001*0*T*:~' +
    'GS*HP*PAYER*PROVIDER*20260105*0930*1*X*005010X221A1~ST*835*0001~' +
    `BPR*I*${bpr}*C*CHK************20260105~TRN*1*CHECK1*1999999999~N1*PR*PAYER~N1*PE*PROVIDER*XX*1234567893~LX*1~` +
    `${clp}NM1*QC*1*DOE*JOHN****MI*M1~${svc}${plb}SE*99*0001~GE*1*1~IEA*1*000000001~`;

  it('names the claim and amounts at service, claim and transaction level', () => {
    const text = base('CLP*PCN9*1*150*100**12*ICN1~', 'SVC*HC:99213*150*100~CAS*CO*45*40~', '90');
    const t = parseX12(text).transactions[0];
    expect(t?.balance?.balanced).toBe(false);
    expect(t?.balance?.findings).toEqual([
      {
        level: 'service',
        claimId: 'PCN9',
        claimIndex: 0,
        serviceIndex: 0,
        chargeCents: 15000,
        adjustmentCents: 4000,
        paymentCents: 10000,
        differenceCents: 1000,
      },
      {
        level: 'claim',
        claimId: 'PCN9',
        claimIndex: 0,
        chargeCents: 15000,
        adjustmentCents: 4000,
        paymentCents: 10000,
        differenceCents: 1000,
      },
      { level: 'transaction', claimPaymentCents: 10000, providerAdjustmentCents: 0, totalPaymentCents: 9000, differenceCents: 1000 },
    ]);
  });

  it('balances a reversal (CLP02 = 22) with negative amounts and a PLB offset', () => {
    const text = base('CLP*PCN7*22*-150*-100**12*ICN1~CAS*CO*45*-50~', '', '0', 'PLB*1234567893*20261231*WO:ICN1*-100~');
    const t = parseX12(text).transactions[0];
    expect(t?.balance).toMatchObject({ balanced: true, totalClaimPaymentCents: -10000, totalProviderAdjustmentCents: -10000 });
    expect(claimsOf(t?.model as unknown as Remittance835)[0]?.statusCode).toBe('22');
    expect(t?.findings.some((f) => f.code === 'INVALID_CODE')).toBe(false);
  });

  it('reports an amount with fractions of a cent as a finding, not a rounded number', () => {
    const t = parseX12(base('CLP*PCN1*1*100.001*100**12*ICN1~', '')).transactions[0];
    expect(t?.findings).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'INVALID_AMOUNT', segmentId: 'CLP', elementPosition: 3 }),
    );
  });

  it('is a pure function of the model', () => {
    const model = remit('LinuxForHealth-x12/demo-file/demo.835').model;
    const tampered = structuredClone(model);
    (tampered.headers?.[0]?.claims[0] as { paymentCents: number }).paymentCents += 1;
    expect(balance835(model).balanced).toBe(true);
    expect(balance835(tampered).findings.map((f) => f.level)).toEqual(['claim', 'transaction']);
  });
});
