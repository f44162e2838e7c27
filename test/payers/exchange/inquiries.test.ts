/**
 * Real-time inquiries, as registration and follow-up staff make them: "is this patient covered, and
 * what will they owe?" (270/271) and "where is this claim?" (276/277). The answers a workflow carries
 * hold codes and amounts, never the patient's name, member id or birth date.
 */
import { describe, expect, it } from 'vitest';
import { parseX12, sequentialControlNumbers } from '#functions/x12/index.ts';
import type { ClaimStatus276, Eligibility27x } from '#functions/x12/index.ts';
import { SandboxPayer } from '#functions/payers/sandbox/sandbox-payer.ts';
import {
  claimStatus276,
  eligibility270,
  ExchangeInputError,
  read271,
  read277,
  write270,
  write276,
  write837Batch,
} from '#functions/payers/exchange/index.ts';
import type { ClaimStatusInput, Eligibility270Input } from '#functions/payers/exchange/index.ts';
import {
  casey,
  caseyCoverage,
  claim,
  COMMERCIAL,
  coverage,
  dana,
  danaCoverage,
  hospital,
  line,
  nico,
  nicoCoverage,
  parties,
  patient,
  phiOf,
  records,
  terry,
  terryCoverage,
} from './fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const interchange = { senderId: 'RCMSUBMITTER', receiverId: 'SANDBOXPAYER', usageIndicator: 'T' as const };
const submitter = { name: 'Example Hospital Billing', id: 'SUB12345' };

function sandbox(): { payer: SandboxPayer; advance: (ms: number) => Promise<unknown>; now: () => string } {
  let now = Date.parse('2026-01-15T09:00:00Z');
  const payer = new SandboxPayer({ clock: () => new Date(now), inbox: async () => undefined });
  return {
    payer,
    now: () => new Date(now).toISOString(),
    advance: async (ms) => {
      now += ms;
      await payer.runDue();
    },
  };
}

const ask = (p: typeof dana, c: typeof danaCoverage, extra: Partial<Eligibility270Input> = {}): Eligibility270Input => ({
  patient: p,
  coverage: c,
  provider: hospital,
  payer: COMMERCIAL,
  date: '2026-01-20',
  traceNumber: `ELIG-${c.coverageId}`,
  ...extra,
});

const expectNoPhi = (result: unknown, strings: readonly string[]): void => {
  const json = JSON.stringify(result);
  for (const s of strings) expect(json).not.toContain(s);
};

describe('eligibility: 270 out, 271 summarized', () => {
  it('Dana, her own subscriber, is active: plan, deductible, coinsurance and out-of-pocket come back as codes and cents', async () => {
    const { payer, now } = sandbox();
    const x270 = write270(ask(dana, danaCoverage), { interchange, now: now() }, sequentialControlNumbers(500));
    const parsed = parseX12(x270, { strict: true });
    expect(parsed.valid).toBe(true);
    const member = (parsed.transactions[0]?.model as unknown as Eligibility27x).sources[0]?.receivers[0]?.subscribers?.[0]?.member;
    expect(member).toMatchObject({
      id: 'FULL10001',
      demographics: { dateOfBirth: '19810630' },
      dates: [{ qualifier: '291', value: '20260120' }],
      inquiries: [{ serviceTypes: ['30'] }],
    });

    const result = read271(await payer.checkEligibility(x270, { payerId: COMMERCIAL.payerId }));
    expect(result).toMatchObject({
      active: true,
      coverageStatus: 'active',
      traceNumber: `ELIG-${danaCoverage.coverageId}`,
      planName: 'SANDBOX COMMERCIAL HEALTH PLAN',
      rejections: [],
      benefitsTruncated: false,
    });
    expect(result.benefits).toContainEqual({
      serviceType: '30',
      kind: 'active-coverage',
      code: '1',
      coverageLevel: 'IND',
      insuranceType: 'C1',
    });
    expect(result.benefits).toContainEqual({
      serviceType: '30',
      kind: 'deductible',
      code: 'C',
      coverageLevel: 'IND',
      timePeriod: 'calendar-year',
      amountCents: 0,
      inNetwork: true,
    });
    expect(result.benefits).toContainEqual({
      serviceType: '30',
      kind: 'coinsurance',
      code: 'A',
      coverageLevel: 'IND',
      percentBasisPoints: 0,
      inNetwork: true,
    });
    expect(result.benefits.find((b) => b.authorizationRequired)).toMatchObject({ kind: 'active-coverage', authorizationRequired: true });
    expectNoPhi(result, phiOf({ p: dana, c: danaCoverage }));
  });

  it("Casey, a child on a parent's plan, is asked about as a dependent and is active with the plan's cost share", async () => {
    const { payer, now } = sandbox();
    const model = eligibility270(ask(casey, caseyCoverage, { serviceTypeCodes: ['30', '98'] }), now());
    const sub = model.sources[0]?.receivers[0]?.subscribers?.[0];
    expect(sub?.member).toMatchObject({ lastName: 'PARENTAL', firstName: 'ROBIN', id: 'STD20002' });
    expect(sub?.member.inquiries).toBeUndefined();
    expect(sub?.dependents?.[0]?.member).toMatchObject({
      firstName: 'CASEY',
      memberRelationship: { insuredIndicator: 'N', relationshipCode: '19' },
      inquiries: [{ serviceTypes: ['30', '98'] }],
    });

    const result = read271(
      await payer.checkEligibility(write270(ask(casey, caseyCoverage), { interchange, now: now() }, sequentialControlNumbers(510)), {
        payerId: COMMERCIAL.payerId,
      }),
    );
    expect(result.active).toBe(true);
    expect(result.benefits).toContainEqual({
      serviceType: '30',
      kind: 'deductible',
      code: 'C',
      coverageLevel: 'IND',
      timePeriod: 'remaining',
      amountCents: 30000,
      inNetwork: true,
    });
    expect(result.benefits).toContainEqual({
      serviceType: '30',
      kind: 'coinsurance',
      code: 'A',
      coverageLevel: 'IND',
      percentBasisPoints: 2000,
      inNetwork: true,
    });
    expect(result.benefits).toContainEqual({
      serviceType: '98',
      kind: 'copayment',
      code: 'B',
      coverageLevel: 'IND',
      timePeriod: 'visit',
      amountCents: 2500,
      inNetwork: true,
    });
    expectNoPhi(result, phiOf({ p: casey, c: caseyCoverage }));
  });

  it("Terry's terminated coverage comes back inactive; Nico's unknown member id comes back rejected (AAA 75, correct and resubmit)", async () => {
    const { payer, now } = sandbox();
    const inactive = read271(
      await payer.checkEligibility(write270(ask(terry, terryCoverage), { interchange, now: now() }, sequentialControlNumbers(520)), {
        payerId: COMMERCIAL.payerId,
      }),
    );
    expect(inactive).toMatchObject({ active: false, coverageStatus: 'inactive', rejections: [] });
    expect(inactive.benefits).toEqual([{ serviceType: '30', kind: 'inactive', code: '6', coverageLevel: 'IND' }]);

    const unknown = read271(
      await payer.checkEligibility(write270(ask(nico, nicoCoverage), { interchange, now: now() }, sequentialControlNumbers(530)), {
        payerId: COMMERCIAL.payerId,
      }),
    );
    expect(unknown).toMatchObject({ active: false, coverageStatus: 'unknown', benefits: [] });
    expect(unknown.rejections).toEqual([
      { level: 'subscriber', code: '75', reason: 'subscriber/insured not found', followUpAction: 'C', retryable: true },
    ]);
    expectNoPhi([inactive, unknown], phiOf({ p: terry, c: terryCoverage }, { p: nico, c: nicoCoverage }));
  });

  it('keeps a long 271 within a workflow payload: benefits are cut at maxBenefits and the cut is flagged', async () => {
    const { payer, now } = sandbox();
    const reply = await payer.checkEligibility(
      write270(ask(dana, danaCoverage), { interchange, now: now() }, sequentialControlNumbers(540)),
      { payerId: COMMERCIAL.payerId },
    );
    const cut = read271(reply, { maxBenefits: 2 });
    expect(cut.benefits).toHaveLength(2);
    expect(cut.benefitsTruncated).toBe(true);
    expect(cut.active).toBe(true);
  });

  it('refuses inquiries our records cannot make, naming the fields', () => {
    expect(() =>
      eligibility270(ask(dana, danaCoverage, { serviceTypeCodes: ['30', 'xyz'], traceNumber: 'A*B' }), '2026-01-15T09:00:00Z'),
    ).toThrow(ExchangeInputError);
    let error: unknown;
    try {
      eligibility270(ask(dana, caseyCoverage, { date: '20260120' }), '2026-01-15T09:00:00Z');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExchangeInputError);
    expect((error as ExchangeInputError).issues).toEqual(["coverage: not the patient's coverage", 'date: an ISO date']);
  });
});

describe('claim status: 276 out, 277 summarized per claim', () => {
  const statusOf = (
    c: ReturnType<typeof claim>,
    p: typeof dana,
    cov: typeof danaCoverage,
    extra: Partial<ClaimStatusInput> = {},
  ): ClaimStatusInput => ({ claim: c, patient: p, coverage: cov, provider: hospital, payer: COMMERCIAL, ...extra });

  it("follows up on a week's claims: pending before the cycle; paid, denied or rejected after it; unknown claims not found", async () => {
    const { payer, now, advance } = sandbox();
    const paid = claim('PCN-D60', danaCoverage, [line('99213', 9000)]);
    const denied = claim('PCN-C60', caseyCoverage, [line('15780', 50000)]);
    const rejected = claim('PCN-N60', nicoCoverage, [line('99213', 9000)]);
    const pender = patient('PAT-1007', { firstName: 'Pat', lastName: 'Waitlong' });
    const pendCoverage = coverage(pender, 'PEND70007');
    const pended = claim('PCN-P60', pendCoverage, [line('99213', 9000)]);
    const never = claim('PCN-X60', danaCoverage, [line('99212', 5500)]);
    const batch = write837Batch(
      [
        records(paid, dana, danaCoverage),
        records(denied, casey, caseyCoverage),
        records(rejected, nico, nicoCoverage),
        records(pended, pender, pendCoverage),
      ],
      parties('BATCH-60', now()),
      sequentialControlNumbers(600),
    );
    await payer.submitClaims({ batchId: 'BATCH-60', payerId: COMMERCIAL.payerId, files: [{ name: 'b60.837', x12: batch.x12 }] });
    await advance(HOUR);

    const inquiries = [
      statusOf(paid, dana, danaCoverage),
      statusOf(denied, casey, caseyCoverage),
      statusOf(rejected, nico, nicoCoverage),
      statusOf(pended, pender, pendCoverage),
      statusOf(never, dana, danaCoverage),
    ];
    const ask276 = async (): Promise<ReturnType<typeof read277>> =>
      read277(
        await payer.claimStatus(
          write276(inquiries, { submitter, referenceId: 'STATUS-60', now: now(), interchange }, sequentialControlNumbers(610)),
          { payerId: COMMERCIAL.payerId },
        ),
      );

    const before = await ask276();
    expect(before.claims.map((c) => [c.patientControlNumber, c.phase, c.statuses[0]?.category])).toEqual([
      ['PCN-D60', 'not-found', 'A4'],
      ['PCN-X60', 'not-found', 'A4'],
      ['PCN-C60', 'not-found', 'A4'],
      ['PCN-N60', 'rejected', 'A3'],
      ['PCN-P60', 'not-found', 'A4'],
    ]);

    await advance(7 * DAY);
    const after = await ask276();
    const byPcn = new Map(after.claims.map((c) => [c.patientControlNumber, c]));
    expect(byPcn.get('PCN-D60')).toMatchObject({
      phase: 'finalized',
      statuses: [{ category: 'F1', code: '65' }],
      chargeCents: 9000,
      paidCents: 9000,
      effectiveDate: '2026-01-22',
      adjudicatedDate: '2026-01-22',
    });
    expect(byPcn.get('PCN-D60')?.payerClaimControlNumber).toMatch(/^SBXCOMM01\d{8}$/);
    expect(byPcn.get('PCN-C60')).toMatchObject({
      phase: 'finalized',
      statuses: [{ category: 'F2', code: '88', entity: 'QC' }],
      paidCents: 0,
    });
    expect(byPcn.get('PCN-N60')).toMatchObject({ phase: 'rejected', statuses: [{ category: 'A3', code: '33', entity: 'IL' }] });
    expect(byPcn.get('PCN-P60')).toMatchObject({ phase: 'pending', statuses: [{ category: 'P1', code: '20' }] });
    expect(byPcn.get('PCN-X60')).toMatchObject({ phase: 'not-found' });
    expectNoPhi(
      after,
      phiOf({ p: dana, c: danaCoverage }, { p: casey, c: caseyCoverage }, { p: nico, c: nicoCoverage }, { p: pender, c: pendCoverage }),
    );
  });

  it('writes a 276 that reads back as the model it was written from: each billing provider named once (one 2100C), no finding', () => {
    const inquiries = [
      statusOf(claim('PCN-D80', danaCoverage, [line('99213', 9000)]), dana, danaCoverage),
      statusOf(claim('PCN-C80', caseyCoverage, [line('99213', 9000)]), casey, caseyCoverage),
    ];
    const header = { submitter, referenceId: 'STATUS-80', now: '2026-01-15T09:00:00Z' };
    const model = claimStatus276(inquiries, header);
    const text = write276(inquiries, { ...header, interchange }, sequentialControlNumbers(800));
    const r = parseX12(text, { strict: true });
    expect([...r.findings, ...(r.transactions[0]?.findings ?? [])]).toEqual([]);
    expect(r.transactions[0]?.model).toEqual(model);
    const providers = model.sources[0]?.receivers[0]?.providers;
    expect(providers?.map((p) => p.name)).toEqual([
      [{ entityCode: '1P', entityType: '2', lastName: expect.any(String), idQualifier: 'XX', id: hospital.npi }],
    ]);
    expect(text.match(/NM1\*1P\*/g)).toHaveLength(1);
    // The submitter is the information receiver (2100B): NM101 41, carried by the model.
    expect(model.sources[0]?.receivers[0]?.name).toMatchObject({ entityCode: '41', idQualifier: '46' });
    expect(text.match(/NM1\*41\*2\*/g)).toHaveLength(1);
  });

  it("asks about a dependent's institutional claim under the parent, with the bill type, the charge and the service period", () => {
    const c = {
      ...claim('PCN-C70', caseyCoverage, [line('99213', 9000, { serviceDateFrom: '2026-01-08', serviceDateTo: '2026-01-09' })]),
      claimType: '837I' as const,
      institutional: { typeOfBill: '131', statementFrom: '2026-01-08', statementThrough: '2026-01-09' },
      payerClaimControlNumber: 'SBXCOMM0100000042',
    };
    const model: ClaimStatus276 = claimStatus276([statusOf(c, casey, caseyCoverage, { traceNumber: 'TRACE-70' })], {
      submitter,
      referenceId: 'STATUS-70',
      now: '2026-01-15T09:00:00Z',
    });
    const sub = model.sources[0]?.receivers[0]?.providers?.[0]?.subscribers?.[0];
    expect(sub).toMatchObject({ levelCode: '22', name: { entityCode: 'IL', lastName: 'PARENTAL', id: 'STD20002' } });
    expect(sub?.demographics).toBeUndefined();
    expect(sub?.dependents?.[0]?.claims).toEqual([
      {
        traceType: '1',
        traceNumber: 'TRACE-70',
        references: [
          { qualifier: '1K', value: 'SBXCOMM0100000042' },
          { qualifier: 'BLT', value: '131' },
          { qualifier: 'EJ', value: 'PCN-C70' },
        ],
        amounts: [{ qualifier: 'T3', amountCents: 9000 }],
        dates: [{ qualifier: '472', format: 'RD8', value: '20260108-20260109' }],
      },
    ]);
  });
});
