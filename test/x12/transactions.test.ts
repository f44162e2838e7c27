import { describe, expect, it } from 'vitest';
import { parseX12 } from '#functions/x12/parse.ts';
import { X12Error } from '#functions/x12/errors.ts';
import { fixture, IMS, LFH } from './helpers.ts';

type Obj = Record<string, unknown>;
const at = (o: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((v, k) => (v as Obj | undefined)?.[k], o);

describe('271 eligibility response', () => {
  it('reads subscriber and dependent, EB coverage, repeating service types, amounts, LS/LE entities', () => {
    const t = parseX12(fixture(`${LFH}271_005010X279A1/dependent-health-benefit-check.271`)).transactions[0];
    expect(t?.guide).toBe('005010X279A1');
    expect(t?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const sub = at(t?.model, 'sources', 0, 'receivers', 0, 'subscribers', 0);
    expect(at(sub, 'member', 'demographics')).toEqual({ format: 'D8', dateOfBirth: '19630519', gender: 'M' });
    const dep = at(sub, 'dependents', 0, 'member') as Obj;
    expect(dep.memberRelationship).toEqual({ insuredIndicator: 'N', relationshipCode: '19' });
    const benefits = dep.benefits as Obj[];
    expect(benefits.map((b) => b.benefitCode)).toEqual(['1', 'L', '1', 'B', 'B']);
    expect(benefits[1]?.relatedEntities).toEqual([
      { entityCode: 'P3', entityType: '1', lastName: 'JONES', firstName: 'MARCUS', idQualifier: 'SV', id: '0202034' },
    ]);
    expect(benefits[3]).toMatchObject({
      serviceTypes: ['1', '33', '35', '47', '86', '88', '98', 'AL', 'MH', 'UC'],
      insuranceType: 'HM',
      timePeriod: '27',
      amountCents: 1000,
      inPlanNetwork: 'Y',
    });
  });

  it('reads AAA request errors of a rejected inquiry', () => {
    const t = parseX12(fixture(`${LFH}271_005010X279A1/subscriber-health-benefit-check-error.271`)).transactions[0];
    expect(at(t?.model, 'sources', 0, 'receivers', 0, 'receiver', 'requestErrors')).toEqual([
      { validRequest: 'Y', rejectReasonCode: '50', followUpActionCode: 'N' },
    ]);
    expect(t?.findings.map((f) => f.code)).toEqual(['SE_CONTROL_NUMBER']);
  });

  it('reads a coverage-level and percent benefit (EB02, EB08)', () => {
    const text = fixture(`${LFH}271_005010X279A1/subscriber-health-benefit-check.271`)
      .toString()
      .replace('EB*1**30', 'EB*A*IND*30^1*HM**27**.2');
    const t = parseX12(text).transactions[0];
    const benefits = at(t?.model, 'sources', 0, 'receivers', 0, 'subscribers', 0, 'member', 'benefits') as Obj[];
    expect(benefits[0]).toMatchObject({
      benefitCode: 'A',
      coverageLevel: 'IND',
      serviceTypes: ['30', '1'],
      insuranceType: 'HM',
      timePeriod: '27',
      percent: '.2',
    });
  });
});

describe('277 and 277CA', () => {
  it('reads claim and line STC with trace numbers (277 X212)', () => {
    const t = parseX12(fixture(`${LFH}277_005010X212/claim-level-status.277`)).transactions[0];
    expect(t?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const providers = at(t?.model, 'sources', 0, 'receivers', 0, 'providers') as Obj[];
    expect(at(providers[0], 'subscribers', 1, 'claims', 0)).toMatchObject({
      traceType: '2',
      traceNumber: 'ABCXYZ2',
      statuses: [{ status: { categoryCode: 'F0', statusCode: '3' }, chargeCents: 759900, paymentCents: 759900 }],
    });
    const dependentClaim = at(providers[1], 'subscribers', 0, 'dependents', 0, 'claims', 0) as Obj;
    expect(at(dependentClaim, 'services', 0)).toMatchObject({
      procedure: { qualifier: 'HC', code: '99203' },
      statuses: [{ status: { categoryCode: 'F2', statusCode: '88', entityCode: 'QC' } }],
    });
  });

  it('reads a rejected 277CA: status per receiver and per claim, with entity codes', () => {
    const t = parseX12(fixture(`${IMS}277_5010/x12_277CA_rejected.txt`)).transactions[0];
    expect(t?.guide).toBe('005010X214');
    expect(t?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const receiver = at(t?.model, 'sources', 0, 'receivers', 0) as Obj;
    expect(at(receiver, 'claims', 0, 'statuses', 0, 'status')).toEqual({ categoryCode: 'A1', statusCode: '20' });
    const patient = at(receiver, 'providers', 0, 'subscribers', 0) as Obj;
    expect(patient.levelCode).toBe('PT');
    expect(at(patient, 'claims', 0)).toMatchObject({
      traceNumber: '3920394930203',
      statuses: [{ status: { categoryCode: 'A7', statusCode: '562', entityCode: '85' }, chargeCents: 19914 }],
    });
  });

  it('reads an accepted 277CA', () => {
    const r = parseX12(fixture(`${IMS}277_5010/x12_277CA_accepted.txt`));
    expect(r.valid).toBe(true);
    expect(JSON.stringify(r.transactions[0]?.model)).toContain('"categoryCode":"A2"');
  });
});

describe('999', () => {
  it('reads IK3/IK5/AK9 of a rejection with the segment in error', () => {
    const t = parseX12(fixture(`${IMS}837_5010/x12_999_rejected.txt`)).transactions[0];
    expect(t?.model).toEqual({
      group: { functionalId: 'HC', controlNumber: '28', version: '005010X223A2' },
      transactionSets: [
        {
          setId: '837',
          controlNumber: '0028',
          segmentErrors: [{ segmentId: 'NM', segmentPosition: 17, errorCode: '1' }],
          response: { acknowledgmentCode: 'R', errorCodes: [{ code: '5' }] },
        },
      ],
      groupResponse: { acknowledgmentCode: 'R', includedCount: 1, receivedCount: 1, acceptedCount: 0 },
    });
  });

  it('reads IK4 element errors with position, reference and code', () => {
    const text = fixture(`${IMS}837_5010/x12_999_rejected.txt`)
      .toString()
      .replace('IK3*NM*17**1~', 'IK3*CLM*22*2300*8~IK4*5|3*1325*7~')
      .replace('SE*7*', 'SE*8*');
    const t = parseX12(text).transactions[0];
    expect(at(t?.model, 'transactionSets', 0, 'segmentErrors', 0)).toEqual({
      segmentId: 'CLM',
      segmentPosition: 22,
      loopId: '2300',
      errorCode: '8',
      elementErrors: [{ position: { elementPosition: 5, componentPosition: 3 }, dataElementReference: 1325, errorCode: '7' }],
    });
    expect(t?.findings).toEqual([]);
  });
});

describe('270, 276, 837 from the corpus', () => {
  it.each([
    `${LFH}270_005010X279A1/dependent-health-benefit-check.270`,
    `${LFH}270_005010X279A1/subscriber-health-benefit-check.270`,
    `${LFH}276_005010X212/claim-level-status.276`,
    `${LFH}276_005010X212/provider-level-status.276`,
    `${LFH}276_005010X212/claim-level-status-ncpdp.276`,
    `${LFH}277_005010X212/provider-level-status.277`,
    `${LFH}277_005010X212/information-receiver-level-status.277`,
    'LinuxForHealth-x12/demo-file/demo.837',
    'LinuxForHealth-x12/demo-file/demo.837i',
    `${LFH}837_005010X222A2/demo.cob.example3.B.837`,
    `${LFH}837_005010X222A2/demo.drug.example10.2.837`,
    `${LFH}837_005010X222A2/demo.example1.837`,
    `${LFH}837_005010X223A3/institutional-claim.837i`,
    `${LFH}837_005010X223A3/two-claims-single-provider.837i`,
  ])('%s reads without errors', (path) => {
    const r = parseX12(fixture(path));
    expect(r.transactions.flatMap((t) => t.findings).filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.transactions[0]?.model).toBeDefined();
  });

  it('reports the real defects of abbreviated TR3 examples', () => {
    const errors = (p: string): string[] =>
      parseX12(fixture(p))
        .transactions.flatMap((t) => t.findings)
        .filter((f) => f.severity === 'error')
        .map(
          (f) =>
            `${f.code}:${f.segmentId}${f.elementPosition ?? ''}${f.componentPosition ? `-${f.componentPosition}` : ''}@${f.segmentPosition}`,
        );
    // 2320 other subscriber without its required 2330B other payer.
    expect(errors(`${LFH}837_005010X222A2/demo.cob.example3.A.837`)).toEqual(['MISSING_LOOP:SBR@39']);
    // CLM05 written as 41::1: the facility code qualifier (B) is missing.
    expect(errors(`${LFH}837_005010X222A2/demo.ambulance.example5.837`)).toEqual(['MISSING_ELEMENT:CLM5-2@23']);
    // Composites written with '>' although ISA16 declares ':'.
    expect(errors(`${LFH}837_005010X222A2/demo.example12.837`)).toContain('MISSING_ELEMENT:CLM5-2@26');
  });

  it('reads the secondary-claim COB loops of an 837P (2320 CAS/AMT, 2330, 2430 SVD)', () => {
    const t = parseX12(fixture(`${LFH}837_005010X222A2/demo.cob.example3.B.837`)).transactions[0];
    const claim = at(t?.model, 'billingProviders', 0, 'subscribers', 0, 'patients', 0, 'claims', 0) as Obj;
    expect(claim).toMatchObject({
      patientControlNumber: '26407789',
      totalChargeCents: 7904,
      facility: { placeOfService: '11', qualifier: 'B', frequencyCode: '1' },
    });
    expect(at(claim, 'otherSubscribers', 0)).toMatchObject({
      payerResponsibility: 'P',
      relationshipCode: '01',
      claimFilingIndicator: '12',
      adjustments: [
        {
          groupCode: 'PR',
          adjustments: [
            { reasonCode: '1', amountCents: 2189 },
            { reasonCode: '2', amountCents: 1500 },
          ],
        },
      ],
      amounts: [
        { qualifier: 'D', amountCents: 3915 },
        { qualifier: 'EAF', amountCents: 3689 },
      ],
      payer: { lastName: 'KEY INSURANCE COMPANY', id: '999996666' },
    });
    expect(at(claim, 'serviceLines', 0, 'adjudications', 0)).toMatchObject({
      otherPayerId: '999996666',
      paidCents: 4000,
      adjustments: [{ groupCode: 'CO', adjustments: [{ reasonCode: '42', amountCents: 300 }] }],
    });
  });
});

describe('unsupported transaction sets', () => {
  it('reads a 4010 claim or an 834 for its envelope only, with a warning and no model', () => {
    const old = fixture('LinuxForHealth-x12/demo-file/demo.837').toString().replaceAll('005010X222A2', '004010X098A1');
    for (const t of parseX12(old).transactions) {
      expect(t.model).toBeUndefined();
      expect(t.findings.map((f) => `${f.severity}:${f.code}`)).toEqual(['warning:UNSUPPORTED_TRANSACTION']);
    }
    const enrolment = parseX12(
      fixture('LinuxForHealth-x12/demo-file/demo.270').toString().replace('ST*270', 'ST*834').replaceAll('005010X279A1', '005010X220A1'),
    );
    expect(enrolment.transactions[0]?.setId).toBe('834');
    expect(enrolment.transactions[0]?.guide).toBeUndefined();
    expect(enrolment.transactions[0]?.model).toBeUndefined();
  });
});

describe('deliberately broken inputs (imsweb fixtures)', () => {
  it('fails with the typed error for a bad segment id and a missing ISA', () => {
    const bad = (() => {
      try {
        parseX12(fixture(`${IMS}837_5010/x12_bad_segment_identifier.txt`));
      } catch (e) {
        return e;
      }
    })();
    expect(bad).toBeInstanceOf(X12Error);
    expect(bad).toMatchObject({ code: 'BAD_SEGMENT_ID', byteOffset: 280, segmentPosition: 6 });
    expect(() => parseX12(fixture(`${IMS}837_5010/x12_no_isa_line.txt`))).toThrow(
      expect.objectContaining({ code: 'NO_ISA', byteOffset: 0 }),
    );
  });

  it('reports loop and segment structure errors with their positions', () => {
    const codes = (p: string): string[] =>
      parseX12(fixture(`${IMS}837_5010/${p}`))
        .transactions.flatMap((t) => t.findings)
        // Element-level findings aside: these fixtures write HI*BK*code (an element separator where the
        // component separator belongs), so HI02-1 is no qualifier, their SE01 counts are stale and their
        // CLM02s (500.00) are not the sum of their lines.
        .filter(
          (f) =>
            f.severity === 'error' &&
            !['MISSING_ELEMENT', 'INVALID_LENGTH', 'SE_COUNT', 'CLAIM_CHARGE_SUM'].includes(f.code) &&
            !(f.code === 'INVALID_CODE' && f.segmentId === 'HI'),
        )
        .map((f) => `${f.code}@${f.segmentPosition}`);
    expect(codes('x12_loop_errors1_exceeds_max_1_parent.txt')).toEqual(['LOOP_MAX_USE@15']);
    expect(codes('x12_loop_errors3_missing_loops.txt')).toEqual(['MISSING_LOOP@8']);
    // Its claim carries no HI: the principal diagnosis is required (X222A1).
    expect(codes('x12_segment_errors.txt')).toEqual(['MISSING_SEGMENT@9', 'HEALTH_CARE_CODE_KIND@21']);
    // This fixture also numbers its HLs wrongly (HL*2*3 under HL*1, HL*1 and HL*2 twice).
    expect(codes('x12_missing_required_loop_in_one_repeat.txt')).toEqual(['HL_PARENT@18', 'MISSING_LOOP@18', 'HL_ID@26', 'HL_ID@33']);
    const order = parseX12(fixture(`${IMS}837_5010/x12_segments_out_of_order.txt`)).transactions[0]?.findings.filter(
      (f) => f.code === 'SEGMENT_OUT_OF_ORDER',
    );
    expect(order?.map((f) => `${f.segmentId}@${f.segmentPosition}`)).toEqual(['N4@12', 'N3@17']);
    const missing = parseX12(fixture(`${IMS}837_5010/x12_missing_elements.txt`)).transactions[0]?.findings.filter(
      (f) => f.code === 'MISSING_ELEMENT' && f.segmentId !== 'HI',
    );
    expect(missing?.map((f) => `${f.segmentId}${f.elementPosition}@${f.segmentPosition}`)).toEqual(['NM12@7', 'CLM5@31']);
  });
});

describe('envelope checks', () => {
  const file = (): string => fixture(`${IMS}837_5010/x12_multiple_st.txt`).toString();

  it('separates several interchanges and groups', () => {
    expect(parseX12(fixture(`${IMS}837_5010/x12_multiple_isa.txt`)).summary).toEqual({ interchanges: 2, groups: 2, transactionSets: 2 });
    const groups = parseX12(fixture(`${IMS}837_5010/x12_multiple_gs.txt`));
    expect(groups.summary).toEqual({ interchanges: 1, groups: 3, transactionSets: 3 });
    expect(groups.findings.map((f) => f.code)).toEqual(['IEA_COUNT']);
  });

  it('records stale counts and control numbers as errors, and as warnings under the tolerant profile', () => {
    const r = parseX12(file());
    expect(r.summary).toEqual({ interchanges: 1, groups: 1, transactionSets: 2 });
    expect(r.findings.map((f) => `${f.severity}:${f.code}`)).toEqual(['error:GE_COUNT']);
    expect(r.valid).toBe(false);
    const tolerant = parseX12(file(), { profile: 'tolerant' });
    expect(tolerant.findings.map((f) => `${f.severity}:${f.code}`)).toEqual(['warning:GE_COUNT']);
    expect(
      tolerant.transactions[1]?.findings.filter((f) => f.segmentId === 'ST' || f.segmentId === 'SE').map((f) => `${f.severity}:${f.code}`),
    ).toEqual(['warning:DUPLICATE_CONTROL_NUMBER', 'warning:SE_COUNT']);
    expect(r.transactions[1]?.findings.filter((f) => f.segmentId === 'ST' || f.segmentId === 'SE').map((f) => f.code)).toEqual([
      'DUPLICATE_CONTROL_NUMBER',
      'SE_COUNT',
    ]);
  });

  it('rejects the same file in strict mode with a typed error at the first mismatch', () => {
    expect(() => parseX12(file(), { strict: true })).toThrow(
      expect.objectContaining({ code: 'ENVELOPE', segmentId: 'SE', elementPosition: 1 }),
    );
  });

  it('reports missing trailers of a truncated file', () => {
    const text = fixture('LinuxForHealth-x12/demo-file/demo.835').toString();
    const cut = text.slice(0, text.indexOf('SE*'));
    const r = parseX12(cut);
    expect(r.valid).toBe(false);
    expect(r.transactions[0]?.findings.some((f) => f.code === 'MISSING_SE')).toBe(true);
    expect(r.findings.map((f) => f.code)).toEqual(['MISSING_GE', 'MISSING_IEA']);
    expect(() => parseX12(cut, { strict: true })).toThrow(expect.objectContaining({ code: 'TRUNCATED' }));
  });

  it('checks IEA01/IEA02 and GE02', () => {
    const text = fixture('LinuxForHealth-x12/demo-file/demo.835')
      .toString()
      .replace('GE*1*1~', 'GE*1*2~')
      .replace('IEA*1*000000907', 'IEA*2*000000908');
    expect(parseX12(text).findings.map((f) => `${f.code}:${f.elementPosition}`)).toEqual([
      'GE_CONTROL_NUMBER:2',
      'IEA_COUNT:1',
      'IEA_CONTROL_NUMBER:2',
    ]);
  });
});
