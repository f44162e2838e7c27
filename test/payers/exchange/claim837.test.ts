/**
 * The billing office turns stored claims into 837s: a patient who is her own subscriber, a child on a
 * parent's plan, a corrected claim, a secondary claim and an outpatient hospital claim. Every file is
 * read back by the X12 engine with no error findings and carries the guide's segments.
 */
import { describe, expect, it } from 'vitest';
import { parseX12, sequentialControlNumbers } from '#functions/x12/index.ts';
import type { ClaimDocument837 } from '#functions/x12/index.ts';
import { claimDocument837, ExchangeInputError, write837Batch } from '#functions/payers/exchange/index.ts';
import type { Authorization } from '#schemas/authorization.ts';
import {
  casey,
  caseyCoverage,
  claim,
  COMMERCIAL,
  dana,
  danaCoverage,
  doctor,
  hospital,
  ines,
  inesCoverage,
  institutionalClaim,
  line,
  morgan,
  morganPrimary,
  morganSecondary,
  newDoctor,
  parties,
  records,
} from './fixtures.ts';

const NOW = '2026-01-15T09:00:00Z';

/** Segments of our own output (delimiters `*` and `~`). */
function segments(x12: string): string[][] {
  return x12
    .split(/~\s*/)
    .filter(Boolean)
    .map((s) => s.split('*'));
}
const all = (x12: string, id: string): string[][] => segments(x12).filter((s) => s[0] === id);

function readBack(x12: string): ClaimDocument837[] {
  const parsed = parseX12(x12, { strict: true });
  const errors = [...parsed.findings, ...parsed.transactions.flatMap((t) => t.findings)].filter((f) => f.severity === 'error');
  expect(errors).toEqual([]);
  expect(parsed.valid).toBe(true);
  return parsed.transactions.map((t) => t.model as unknown as ClaimDocument837);
}

describe('837 from our records', () => {
  it('bills Dana, her own subscriber, on an 837P: SBR*P*18, CLM, HI, SV1 with pointers, REF*6R per line', () => {
    const c = claim('PCN-D1', danaCoverage, [line('99213', 9000, { modifiers: ['25'], diagnosisPointers: [1, 2] }), line('87880', 1700)]);
    const batch = write837Batch([records(c, dana, danaCoverage)], parties('B0001', NOW), sequentialControlNumbers(41));
    const [doc] = readBack(batch.x12);
    const sub = doc?.billingProviders[0]?.subscribers[0];
    expect(sub?.insurance).toMatchObject({
      payerResponsibility: 'P',
      relationshipCode: '18',
      groupNumber: 'GRP-7001',
      claimFilingIndicator: 'CI',
    });
    expect(sub?.subscriber).toMatchObject({
      lastName: 'SELFRIDGE',
      firstName: 'DANA',
      idQualifier: 'MI',
      id: 'FULL10001',
      demographics: { dateOfBirth: '19810630', gender: 'F' },
    });
    expect(sub?.patients).toBeUndefined();
    expect(all(batch.x12, 'CLM')).toEqual([['CLM', 'PCN-D1', '107', '', '', '11:B:1', 'Y', 'A', 'Y', 'Y']]);
    expect(all(batch.x12, 'HI')).toEqual([['HI', 'ABK:J069', 'ABF:R509']]);
    expect(all(batch.x12, 'SV1')).toEqual([
      ['SV1', 'HC:99213:25', '90', 'UN', '1', '', '', '1:2'],
      ['SV1', 'HC:87880', '17', 'UN', '1', '', '', '1'],
    ]);
    expect(
      all(batch.x12, 'REF')
        .filter((r) => r[1] === '6R')
        .map((r) => r[2]),
    ).toEqual(['1', '2']);
    // Billing provider with its EIN, rendering provider (a person, another NPI) in 2310B.
    expect(all(batch.x12, 'NM1').find((n) => n[1] === '85')).toEqual([
      'NM1',
      '85',
      '2',
      'EXAMPLE GENERAL HOSPITAL',
      '',
      '',
      '',
      '',
      'XX',
      hospital.npi,
    ]);
    expect(all(batch.x12, 'NM1').find((n) => n[1] === '82')).toEqual([
      'NM1',
      '82',
      '1',
      'RENDERMANN',
      'ALEX',
      '',
      '',
      '',
      'XX',
      doctor.npi,
    ]);
    expect(all(batch.x12, 'REF').find((r) => r[1] === 'EI')).toEqual(['REF', 'EI', '371234567']);
    expect(batch).toMatchObject({
      payerId: COMMERCIAL.payerId,
      interchangeControlNumber: '000000041',
      claimCount: 1,
      totalChargeCents: 10700,
      transactionSets: [{ claimType: '837P', groupControlNumber: '41', controlNumber: '0041', patientControlNumbers: ['PCN-D1'] }],
    });
  });

  it("bills Casey, a child on a parent's plan, under the parent as subscriber with a 2000C patient loop", () => {
    const c = claim('PCN-C1', caseyCoverage, [line('99213', 9000)]);
    const [doc] = readBack(write837Batch([records(c, casey, caseyCoverage)], parties('B0002', NOW), sequentialControlNumbers()).x12);
    const sub = doc?.billingProviders[0]?.subscribers[0];
    expect(sub?.insurance.relationshipCode).toBeUndefined();
    expect(sub?.subscriber).toEqual({ entityType: '1', lastName: 'PARENTAL', firstName: 'ROBIN', idQualifier: 'MI', id: 'STD20002' });
    expect(sub?.claims).toBeUndefined();
    expect(sub?.patients?.[0]?.patientInfo).toEqual({ relationshipCode: '19' });
    expect(sub?.patients?.[0]?.patient).toMatchObject({
      lastName: 'PARENTAL',
      firstName: 'CASEY',
      demographics: { format: 'D8', dateOfBirth: '20150903', gender: 'M' },
      address: { line1: '12 ELM STREET' },
    });
    expect(sub?.patients?.[0]?.claims.map((x) => x.patientControlNumber)).toEqual(['PCN-C1']);
  });

  it("sends a corrected claim (frequency 7) with the payer's original claim number in REF*F8", () => {
    const c = claim('PCN-D2', danaCoverage, [line('99214', 13000)], { frequencyCode: '7', originalPayerClaimNumber: 'SBXCOMM0100000007' });
    const x12 = write837Batch([records(c, dana, danaCoverage)], parties('B0003', NOW), sequentialControlNumbers()).x12;
    readBack(x12);
    expect(all(x12, 'CLM')[0]?.[5]).toBe('11:B:7');
    expect(all(x12, 'REF').find((r) => r[1] === 'F8')).toEqual(['REF', 'F8', 'SBXCOMM0100000007']);
  });

  it('refuses a corrected claim without the original claim number, naming the field and not its value', () => {
    const c = claim('PCN-D3', danaCoverage, [line('99214', 13000)], { frequencyCode: '8' });
    const attempt = (): unknown => claimDocument837(records(c, dana, danaCoverage), parties('B0004', NOW));
    let error: unknown;
    try {
      attempt();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExchangeInputError);
    expect((error as ExchangeInputError).issues).toEqual([
      'claim.originalPayerClaimNumber: required for frequency 7 (replacement) or 8 (void)',
    ]);
    expect((error as Error).message).not.toContain('FULL10001');
  });

  it("bills Morgan's secondary with the primary's adjudication: SBR*S, 2320 CAS/AMT/OI, 2330A/B, 2430 SVD and CAS per line", () => {
    const c = claim('PCN-M2', morganSecondary, [line('99213', 9000), line('85025', 1500)], { priorPayerPaidCents: 6160 });
    const remittance = {
      paidCents: 6160,
      adjustments: [],
      lines: [
        {
          lineNumber: 1,
          procedureCode: '99213',
          modifiers: [],
          chargeCents: 9000,
          paidCents: 5100,
          adjustments: [
            { group: 'PR' as const, reasonCode: '3', amountCents: 2500 },
            { group: 'PR' as const, reasonCode: '2', amountCents: 1400 },
          ],
          remarks: [],
        },
        {
          lineNumber: 2,
          procedureCode: '85025',
          modifiers: [],
          chargeCents: 1500,
          paidCents: 1060,
          adjustments: [
            { group: 'CO' as const, reasonCode: '45', amountCents: 175 },
            { group: 'PR' as const, reasonCode: '2', amountCents: 265 },
          ],
          remarks: [],
        },
      ],
    };
    const input = records(c, morgan, morganSecondary, {
      primaryAdjudication: { payer: COMMERCIAL, coverage: morganPrimary, adjudicatedDate: '2026-01-22', remittance },
    });
    const x12 = write837Batch([input], parties('B0005', NOW), sequentialControlNumbers()).x12;
    const [doc] = readBack(x12);
    const claim837 = doc?.billingProviders[0]?.subscribers[0]?.claims?.[0];
    expect(doc?.billingProviders[0]?.subscribers[0]?.insurance.payerResponsibility).toBe('S');
    expect(claim837?.otherSubscribers?.[0]).toMatchObject({
      payerResponsibility: 'P',
      relationshipCode: '18',
      amounts: [
        { qualifier: 'D', amountCents: 6160 },
        { qualifier: 'EAF', amountCents: 4165 },
      ],
      subscriber: { lastName: 'TWOPLANS', id: 'STD30003' },
      payer: { id: COMMERCIAL.payerId },
    });
    // Line adjudication carries the date, so 2330B has none.
    expect(claim837?.otherSubscribers?.[0]?.payer.dates).toBeUndefined();
    expect(all(x12, 'SVD')).toEqual([
      ['SVD', COMMERCIAL.payerId, '51', 'HC:99213', '', '1'],
      ['SVD', COMMERCIAL.payerId, '10.6', 'HC:85025', '', '1'],
    ]);
    expect(all(x12, 'CAS')).toEqual([
      ['CAS', 'PR', '3', '25', '', '2', '14'],
      ['CAS', 'CO', '45', '1.75'],
      ['CAS', 'PR', '2', '2.65'],
    ]);
    expect(all(x12, 'DTP').filter((d) => d[1] === '573')).toEqual([
      ['DTP', '573', 'D8', '20260122'],
      ['DTP', '573', 'D8', '20260122'],
    ]);
  });

  it("refuses a secondary claim without the primary's adjudication (it would be denied CO-16 MA04)", () => {
    const c = claim('PCN-M3', morganSecondary, [line('99213', 9000)]);
    expect(() => claimDocument837(records(c, morgan, morganSecondary), parties('B0006', NOW))).toThrow(
      /primaryAdjudication: required for a secondary/,
    );
  });

  it("bills Inès's outpatient visit on an 837I: CLM05 from the bill type, DTP*434, CL1, HI with POA, SV2 with revenue codes, attending 71", () => {
    const c = institutionalClaim('PCN-I1', inesCoverage);
    const batch = write837Batch(
      [records(c, ines, inesCoverage, { renderingProvider: undefined, attendingProvider: doctor })],
      parties('B0007', NOW),
      sequentialControlNumbers(),
    );
    readBack(batch.x12);
    expect(batch.transactionSets.map((t) => t.claimType)).toEqual(['837I']);
    expect(all(batch.x12, 'GS')[0]?.[8]).toBe('005010X223A2');
    expect(all(batch.x12, 'CLM')).toEqual([['CLM', 'PCN-I1', '1070', '', '', '13:A:1', '', 'A', 'Y', 'Y']]);
    expect(all(batch.x12, 'DTP').find((d) => d[1] === '434')).toEqual(['DTP', '434', 'RD8', '20260110-20260110']);
    expect(all(batch.x12, 'CL1')).toEqual([['CL1', '1', '', '01']]);
    expect(all(batch.x12, 'HI')).toEqual([
      ['HI', 'ABK:R079:::::::Y'],
      ['HI', 'ABF:I10'],
    ]);
    expect(all(batch.x12, 'SV2')).toEqual([
      ['SV2', '0450', 'HC:99284', '950', 'UN', '1'],
      ['SV2', '0300', '', '120', 'UN', '3'],
    ]);
    expect(all(batch.x12, 'NM1').find((n) => n[1] === '71')).toEqual([
      'NM1',
      '71',
      '1',
      'RENDERMANN',
      'ALEX',
      '',
      '',
      '',
      'XX',
      doctor.npi,
    ]);
    // Accents are folded for X12's character set.
    expect(all(batch.x12, 'NM1').find((n) => n[1] === 'IL')?.[4]).toBe('INES');
  });

  it('bills an 837I whose rendering provider is not the attending: 2310D named and identified, without PRV; several authorizations stay off the lines', () => {
    const c = institutionalClaim('PCN-I4', inesCoverage);
    const lines = [c.lines[0]!, { ...c.lines[1]!, procedureCode: '71046' }];
    const auth = (authorizationNumber: string, code: string): Authorization => ({
      authorizationId: `AUTH-${authorizationNumber}`,
      patientId: ines.patientId,
      payerId: c.payerId,
      authorizationNumber,
      status: 'approved',
      procedureCodes: [code],
      validFrom: '2026-01-01',
      validThrough: '2026-03-31',
    });
    const x12 = write837Batch(
      [
        records({ ...c, lines, renderingProviderId: newDoctor.providerId }, ines, inesCoverage, {
          renderingProvider: newDoctor,
          attendingProvider: doctor,
          authorizations: [auth('AUTH-A', '99284'), auth('AUTH-B', '71046')],
        }),
      ],
      parties('B0011', NOW),
      sequentialControlNumbers(),
    ).x12;
    readBack(x12);
    expect(
      all(x12, 'NM1')
        .find((n) => n[1] === '82')
        ?.slice(8),
    ).toEqual(['XX', newDoctor.npi]);
    // X223A2: PRV*AT for the attending alone; REF*G1 once, in 2300, never in 2400.
    expect(all(x12, 'PRV').map((p) => p[1])).toEqual(['BI', 'AT']);
    expect(all(x12, 'REF').filter((r) => r[1] === 'G1')).toEqual([]);
  });

  it('refuses an 837I without the patient status (CL103), naming the field', () => {
    const c = institutionalClaim('PCN-I5', inesCoverage);
    const { patientStatusCode: _, ...institutional } = c.institutional!;
    expect(() =>
      write837Batch(
        [records({ ...c, institutional }, ines, inesCoverage, { renderingProvider: undefined, attendingProvider: doctor })],
        parties('B0012', NOW),
        sequentialControlNumbers(),
      ),
    ).toThrow(/claim\.institutional\.patientStatusCode: required on an 837I \(CL103\)/);
  });

  it("bills Morgan's outpatient secondary on an 837I: every line carries the primary's 2430, a revenue-code-only line with SVD04 and no SVD03", () => {
    const c = { ...institutionalClaim('PCN-MI1', morganSecondary), priorPayerPaidCents: 79000 };
    const remittance = {
      paidCents: 79000,
      adjustments: [],
      lines: [
        {
          lineNumber: 1,
          procedureCode: '99284',
          modifiers: [],
          chargeCents: 95000,
          paidCents: 70000,
          adjustments: [
            { group: 'CO' as const, reasonCode: '45', amountCents: 20000 },
            { group: 'PR' as const, reasonCode: '2', amountCents: 5000 },
          ],
          remarks: [],
        },
        // Billed on revenue code 0300 alone: the primary's 835 answered it as NU:0300, with no procedure.
        {
          lineNumber: 2,
          modifiers: [],
          chargeCents: 12000,
          paidCents: 9000,
          adjustments: [
            { group: 'CO' as const, reasonCode: '45', amountCents: 2000 },
            { group: 'PR' as const, reasonCode: '1', amountCents: 1000 },
          ],
          remarks: [],
        },
      ],
    };
    const input = records(c, morgan, morganSecondary, {
      renderingProvider: undefined,
      attendingProvider: doctor,
      primaryAdjudication: { payer: COMMERCIAL, coverage: morganPrimary, adjudicatedDate: '2026-01-22', remittance },
    });
    const x12 = write837Batch([input], parties('B0010', NOW), sequentialControlNumbers()).x12;
    // Not one finding, warnings included: SVD02 + CAS balance each line charge, AMT*D + CAS the claim's.
    const parsed = parseX12(x12);
    expect([...parsed.findings, ...parsed.transactions.flatMap((t) => t.findings)]).toEqual([]);
    expect(all(x12, 'SVD')).toEqual([
      ['SVD', COMMERCIAL.payerId, '700', 'HC:99284', '0450', '1'],
      ['SVD', COMMERCIAL.payerId, '90', '', '0300', '3'],
    ]);
    expect(all(x12, 'CAS')).toEqual([
      ['CAS', 'CO', '45', '200'],
      ['CAS', 'PR', '2', '50'],
      ['CAS', 'CO', '45', '20'],
      ['CAS', 'PR', '1', '10'],
    ]);
    // Each line carries its adjudication date, so 2330B has none.
    expect(all(x12, 'DTP').filter((d) => d[1] === '573')).toEqual([
      ['DTP', '573', 'D8', '20260122'],
      ['DTP', '573', 'D8', '20260122'],
    ]);
    const lines = readBack(x12)[0]?.billingProviders[0]?.subscribers[0]?.claims?.[0]?.serviceLines;
    expect(lines?.[1]?.adjudications).toEqual([
      {
        otherPayerId: COMMERCIAL.payerId,
        paidCents: 9000,
        revenueCode: '0300',
        paidUnits: '3',
        adjustments: [
          {
            groupCode: 'CO',
            adjustments: [{ reasonCode: '45', amountCents: 2000 }],
          },
          {
            groupCode: 'PR',
            adjustments: [{ reasonCode: '1', amountCents: 1000 }],
          },
        ],
        dates: [{ qualifier: '573', format: 'D8', value: '20260122' }],
      },
    ]);
  });

  it('a line the primary did not answer gets no 2430; with no 2430 at all, DTP*573 goes in 2330B (837I and 837P alike)', () => {
    const institutional = records({ ...institutionalClaim('PCN-MI2', morganSecondary), priorPayerPaidCents: 0 }, morgan, morganSecondary, {
      renderingProvider: undefined,
      attendingProvider: doctor,
      primaryAdjudication: {
        payer: COMMERCIAL,
        coverage: morganPrimary,
        adjudicatedDate: '2026-01-22',
        remittance: { paidCents: 0, adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 107000 }], lines: [] },
      },
    });
    const professional = records(
      claim('PCN-M5', morganSecondary, [line('99213', 9000, { revenueCode: '0510' })], { priorPayerPaidCents: 0 }),
      morgan,
      morganSecondary,
      {
        primaryAdjudication: {
          payer: COMMERCIAL,
          coverage: morganPrimary,
          adjudicatedDate: '2026-01-22',
          remittance: { paidCents: 0, adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 9000 }], lines: [] },
        },
      },
    );
    for (const input of [institutional, professional]) {
      const x12 = write837Batch([input], parties('B0011', NOW), sequentialControlNumbers()).x12;
      readBack(x12);
      expect(all(x12, 'SVD')).toEqual([]);
      expect(all(x12, 'DTP').filter((d) => d[1] === '573')).toEqual([['DTP', '573', 'D8', '20260122']]);
    }
  });

  it('puts 837P and 837I claims of one payer in one interchange: two functional groups, grouped by billing provider and subscriber', () => {
    const c1 = claim('PCN-D4', danaCoverage, [line('99213', 9000)]);
    const c2 = claim('PCN-D5', danaCoverage, [line('99212', 5500, { serviceDateFrom: '2026-01-11', serviceDateTo: '2026-01-11' })]);
    const c3 = claim('PCN-C2', caseyCoverage, [line('99213', 9000)]);
    const c4 = institutionalClaim('PCN-I2', inesCoverage);
    const batch = write837Batch(
      [
        records(c1, dana, danaCoverage),
        records(c3, casey, caseyCoverage),
        records(c4, ines, inesCoverage, { attendingProvider: doctor, renderingProvider: undefined }),
        records(c2, dana, danaCoverage),
      ],
      parties('B0008', NOW),
      sequentialControlNumbers(7),
    );
    const [p, i] = readBack(batch.x12);
    expect(batch.transactionSets).toEqual([
      { claimType: '837P', groupControlNumber: '7', controlNumber: '0007', patientControlNumbers: ['PCN-D4', 'PCN-C2', 'PCN-D5'] },
      { claimType: '837I', groupControlNumber: '8', controlNumber: '0008', patientControlNumbers: ['PCN-I2'] },
    ]);
    expect(p?.billingProviders).toHaveLength(1);
    expect(
      p?.billingProviders[0]?.subscribers.map((s) => [
        s.subscriber.id,
        (s.claims ?? s.patients?.flatMap((x) => x.claims) ?? []).map((x) => x.patientControlNumber),
      ]),
    ).toEqual([
      ['FULL10001', ['PCN-D4', 'PCN-D5']],
      ['STD20002', ['PCN-C2']],
    ]);
    expect(i?.billingProviders[0]?.subscribers[0]?.claims?.[0]?.patientControlNumber).toBe('PCN-I2');
    expect(all(batch.x12, 'ST').map((s) => s[3])).toEqual(['005010X222A1', '005010X223A2']);
  });

  it("bills an approved authorization as REF*G1 when it covers the line's code and date", () => {
    const auth: Authorization = {
      authorizationId: 'AUTH-1',
      patientId: dana.patientId,
      payerId: COMMERCIAL.payerId,
      authorizationNumber: 'AUTH-OK',
      status: 'approved',
      procedureCodes: ['72148'],
      validFrom: '2026-01-01',
      validThrough: '2026-03-31',
    };
    const c = claim('PCN-D6', danaCoverage, [line('72148', 42000), line('99213', 9000)], { diagnoses: [{ code: 'M54.5' }] });
    const x12 = write837Batch(
      [
        records(c, dana, danaCoverage, {
          authorizations: [auth, { ...auth, authorizationNumber: 'DENIED-1', status: 'denied', procedureCodes: ['99213'] }],
        }),
      ],
      parties('B0009', NOW),
      sequentialControlNumbers(),
    ).x12;
    readBack(x12);
    expect(all(x12, 'REF').filter((r) => r[1] === 'G1')).toEqual([['REF', 'G1', 'AUTH-OK']]);
  });

  it('lists every problem of a batch at once, by claim', () => {
    const good = claim('PCN-D7', danaCoverage, [line('99213', 9000)]);
    const wrongTotal = { ...claim('PCN-D8', danaCoverage, [line('99213', 9000)]), totalChargeCents: 9999 };
    const inst = institutionalClaim('PCN-I3', inesCoverage);
    try {
      write837Batch(
        [
          records(good, dana, danaCoverage),
          records(wrongTotal, dana, danaCoverage),
          records(inst, ines, inesCoverage, { renderingProvider: undefined }),
        ],
        { ...parties('B0010', NOW), submitter: { name: 'X', id: 'SUB1', contactName: 'Y' } },
        sequentialControlNumbers(),
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ExchangeInputError);
      expect((e as ExchangeInputError).issues).toEqual([
        'claims[1].claim.totalChargeCents: the sum of the line charges',
        'claims[2].attendingProvider: required: the claim names one',
        'claims[2].attendingProvider: required on an 837I (2310A attending provider)',
        'submitter: a contact phone or email',
      ]);
    }
  });
});
