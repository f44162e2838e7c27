import { describe, expect, it } from 'vitest';
import { adjudicate } from '#functions/payers/sandbox/adjudicate.ts';
import { SANDBOX_COMMERCIAL, SANDBOX_SECONDARY, memberFor } from '#functions/payers/sandbox/profiles.ts';
import { emptyState } from '#functions/payers/sandbox/state.ts';
import type { SandboxState } from '#functions/payers/sandbox/state.ts';
import type {
  AdjudicationOutcome,
  ClaimAdjudication,
  LineAdjudication,
  SandboxClaim,
  SandboxLine,
  SandboxMember,
} from '#functions/payers/sandbox/types.ts';
import { claim, line, RENDERING_NPI } from '#test/fixtures/payers/sandbox/claims.ts';

const TODAY = '2026-01-20';
const plan = SANDBOX_COMMERCIAL;

function run(
  c: SandboxClaim,
  state: SandboxState = emptyState(),
  today = TODAY,
  receivedDate?: string,
): { outcomes: AdjudicationOutcome[]; state: SandboxState } {
  return adjudicate(c, c.payerId === plan.payerId ? plan : SANDBOX_SECONDARY, state, receivedDate ? { today, receivedDate } : { today });
}

function only(c: SandboxClaim, state?: SandboxState): ClaimAdjudication {
  const r = run(c, state);
  expect(r.outcomes).toHaveLength(1);
  const o = r.outcomes[0] as AdjudicationOutcome;
  if (o.kind !== 'adjudicated') throw new Error(`expected an adjudication, got ${o.kind}`);
  return o;
}

const adj = (l: LineAdjudication): string[] => l.adjustments.map((a) => `${a.group}-${a.reason}:${a.amountCents}`);

function expectBalanced(a: ClaimAdjudication): void {
  for (const l of a.lines) expect(l.chargeCents - l.adjustments.reduce((s, x) => s + x.amountCents, 0)).toBe(l.paidCents);
  expect(a.lines.reduce((s, l) => s + l.paidCents, 0)).toBe(a.paidCents);
}

describe('sandbox adjudication: payments', () => {
  it('pays in full when the charge is the allowed amount and the member has no patient share', () => {
    const a = only(claim('FULL001', [line('99213', 9000)]));
    expect(a.statusCode).toBe('1');
    expect(a.paidCents).toBe(9000);
    expect(a.lines[0]?.adjustments).toEqual([]);
  });

  it('reduces to the fee schedule with CO-45 and applies deductible, coinsurance and copay in that order', () => {
    // Standard member: deductible 500.00 with 200.00 met, 20% coinsurance, 25.00 visit copay.
    const a = only(claim('STD001', [line('99214', 20000)]));
    const l = a.lines[0] as LineAdjudication;
    // allowed 130.00: deductible 130.00 (300.00 left), nothing left for coinsurance or copay.
    expect(l.allowedCents).toBe(13000);
    expect(adj(l)).toEqual(['CO-45:7000', 'PR-1:13000']);
    expect(a.paidCents).toBe(0);
    expect(a.statusCode).toBe('1');
    expect(a.patientResponsibilityCents).toBe(13000);
    expectBalanced(a);
  });

  it('coinsurance is basis points of what is left after the deductible, rounded half up', () => {
    // DED member: deductible 1000.00 unmet. 29881 allowed 950.00 → deductible 950.00; 27447 (auth) 1800.00:
    // deductible 50.00, coinsurance 20% of 1750.00 = 350.00.
    const a = only(claim('DED001', [line('29881', 95000), line('27447', 180000)], { authorizationNumber: 'AUTH1' }));
    expect(a.lines.map(adj)).toEqual([['PR-1:95000'], ['PR-1:5000', 'PR-2:35000']]);
    expect(a.paidCents).toBe(140000);
    // 3 cents of deductible left: deductible 0.03, coinsurance 20% of 3.97 = 0.794 → 0.79.
    const b = only(claim('DED002', [line('81002', 400, { units: '1' })]), {
      ...emptyState(),
      members: {
        'SBXCOMM01|DED002': {
          ...(memberFor('SBXCOMM01', 'DED002') as SandboxMember),
          accumulators: { deductibleMetCents: 99997, outOfPocketMetCents: 0 },
        },
      },
    });
    expect(adj(b.lines[0] as LineAdjudication)).toEqual(['PR-1:3', 'PR-2:79']);
  });

  it('copay applies to visit codes after coinsurance', () => {
    const a = only(claim('COPAY01', [line('99213', 9000), line('85025', 1100)]));
    expect(a.lines.map(adj)).toEqual([['PR-2:900', 'PR-3:2500'], ['PR-2:110']]);
    expect(a.paidCents).toBe(9000 - 3400 + 1100 - 110);
  });

  it('caps the patient share at the out-of-pocket maximum and updates the accumulators', () => {
    const r = run(claim('OOP001', [line('99215', 18000)]));
    const a = r.outcomes[0] as ClaimAdjudication;
    expect(adj(a.lines[0] as LineAdjudication)).toEqual(['PR-2:1000']);
    expect(a.paidCents).toBe(17000);
    expect(r.state.members['SBXCOMM01|OOP001']?.accumulators.outOfPocketMetCents).toBe(300000);
    // The next claim: OOP met, the plan pays the whole allowed amount.
    const next = run(claim('OOP001', [line('99213', 9000)], { patientControlNumber: 'PCN-2' }), r.state).outcomes[0] as ClaimAdjudication;
    expect(next.paidCents).toBe(9000);
  });

  it('pays a multi-unit line at fee × units', () => {
    const a = only(claim('FULL002', [line('97110', 20000, { units: '3', lineNumber: 1 })], { diagnoses: ['M545'] }));
    expect(a.lines[0]?.allowedCents).toBe(9600);
  });
});

describe('sandbox adjudication: denials', () => {
  const cases: [string, SandboxClaim, string, string[]][] = [
    ['CO-4 invalid modifier', claim('FULL010', [line('85025', 1100, { modifiers: ['25'] })]), 'CO-4', []],
    ['CO-197 no authorization', claim('FULL011', [line('72148', 42000)], { diagnoses: ['M545'] }), 'CO-197', ['M62']],
    ['CO-50 not medically necessary', claim('FULL012', [line('97110', 3200)], { diagnoses: ['J069'] }), 'CO-50', ['N115']],
    ['CO-96 not covered', claim('FULL013', [line('15780', 50000)]), 'CO-96', ['N130']],
  ];
  it.each(cases)('%s', (_name, c, reason, remarks) => {
    const a = only(c);
    expect(a.statusCode).toBe('4');
    expect(a.paidCents).toBe(0);
    expect(adj(a.lines[0] as LineAdjudication)).toEqual([`${reason}:${c.lines[0]?.chargeCents}`]);
    expect(a.lines[0]?.remarks).toEqual(remarks);
  });

  it('checks REF*G1 against the authorizations the payer issued, when it keeps them (AUTH members)', () => {
    const mri = (extra: Partial<SandboxClaim>, l: Partial<SandboxLine> = {}): ClaimAdjudication =>
      only(claim('AUTH001', [line('72148', 42000, l)], { diagnoses: ['M545'], ...extra }));
    expect(mri({ authorizationNumber: 'AUTH-OK' }).paidCents).toBeGreaterThan(0);
    expect(mri({ authorizationNumber: 'AUTH-NOPE' }).lines[0]).toMatchObject({
      adjustments: [{ group: 'CO', reason: '197', amountCents: 42000 }],
      remarks: ['N54'],
    });
    expect(mri({}).lines[0]?.remarks).toEqual(['M62']);
    expect(mri({ authorizationNumber: 'AUTH-OK' }, { units: '2' }).lines[0]).toMatchObject({
      adjustments: [{ group: 'CO', reason: '198', amountCents: 42000 }],
      remarks: ['N362'],
    });
    // An authorization that ended the day before the service.
    const m = memberFor('SBXCOMM01', 'AUTH002') as SandboxMember;
    const ended = {
      ...emptyState(),
      members: {
        'SBXCOMM01|AUTH002': {
          ...m,
          authorizations: [{ number: 'AUTH-OLD', codes: ['72148'], validFrom: '2025-01-01', validThrough: '2026-01-04' }],
        },
      },
    };
    expect(
      only(claim('AUTH002', [line('72148', 42000)], { diagnoses: ['M545'], authorizationNumber: 'AUTH-OLD' }), ended).lines[0]
        ?.adjustments[0]?.reason,
    ).toBe('197');
    // Other members: any number is accepted.
    expect(only(claim('FULL001', [line('72148', 42000)], { diagnoses: ['M545'], authorizationNumber: 'ANY' })).paidCents).toBe(42000);
  });

  it('CO-97 bundles the column-2 code on the same date, unless a distinct-service modifier is billed', () => {
    const a = only(claim('FULL020', [line('93000', 2000), line('93010', 900)], { diagnoses: ['R079'] }));
    expect(a.lines.map(adj)).toEqual([[], ['CO-97:900']]);
    expect(a.statusCode).toBe('1');
    const b = only(claim('FULL021', [line('93000', 2000), line('93010', 900, { modifiers: ['59'] })], { diagnoses: ['R079'] }));
    expect(b.paidCents).toBe(2900);
  });

  const claimLevel: [string, SandboxClaim, string, string[], string?][] = [
    ['CO-27 coverage terminated', claim('TERM001', [line('99213', 9000)]), 'CO-27', ['N30']],
    ['CO-22 another payer is primary', claim('COB001', [line('99213', 9000)]), 'CO-22', []],
    [
      'CO-16 invalid rendering NPI',
      claim('FULL030', [line('99213', 9000)], { renderingProviderNpi: '1234567890' }),
      'CO-16',
      ['MA130', 'N290'],
    ],
    [
      'CO-16 secondary without the primary adjudication',
      claim('SEC001', [line('99213', 9000)], { payerId: 'SBXSEC02' }),
      'CO-16',
      ['MA04', 'N479'],
    ],
  ];
  it.each(claimLevel)('%s denies every line', (_name, c, reason, remarks) => {
    const a = only(c);
    expect(a.statusCode).toBe('4');
    expect(a.denialReason).toBe(reason);
    expect(a.remarks).toEqual(remarks);
    expect(a.lines.map(adj)).toEqual(c.lines.map((l) => [`${reason}:${l.chargeCents}`]));
  });

  it('CO-29 when received after the timely-filing limit, counted from the last date of service', () => {
    const c = claim('FULL040', [line('99213', 9000, { serviceDate: '2025-06-01' })]);
    expect((run(c, emptyState(), TODAY, '2025-11-28').outcomes[0] as ClaimAdjudication).statusCode).toBe('1');
    expect((run(c, emptyState(), TODAY, '2025-11-29').outcomes[0] as ClaimAdjudication).denialReason).toBe('CO-29');
  });

  it('CO-18 for the same services billed again, even under another claim number', () => {
    const first = run(claim('FULL050', [line('99213', 9000)], { renderingProviderNpi: RENDERING_NPI }));
    const again = run(claim('FULL050', [line('99213', 9000)], { patientControlNumber: 'PCN-OTHER' }), first.state)
      .outcomes[0] as ClaimAdjudication;
    expect(again.denialReason).toBe('CO-18');
    expect(again.paidCents).toBe(0);
  });
});

describe('sandbox adjudication: front door, pends, corrections, COB', () => {
  const rejections: [string, SandboxClaim, string, string, string | undefined][] = [
    ['invalid billing NPI', claim('FULL060', [line('99213', 9000)], { billingProviderNpi: '1234567890' }), 'A7', '562', '85'],
    ['unknown member', claim('NF0001', [line('99213', 9000)]), 'A3', '33', 'IL'],
    ['no diagnosis', claim('FULL061', [line('99213', 9000)], { diagnoses: [] }), 'A7', '255', undefined],
    ['future date of service', claim('FULL062', [line('99213', 9000, { serviceDate: '2026-02-01' })]), 'A7', '187', undefined],
    ['total not the sum of the lines', { ...claim('FULL063', [line('99213', 9000)]), totalChargeCents: 9001 }, 'A7', '178', undefined],
    [
      'replacement of an unknown claim',
      claim('FULL064', [line('99213', 9000)], { frequencyCode: '7', originalPayerClaimNumber: 'NOPE' }),
      'A7',
      '21',
      undefined,
    ],
  ];
  it.each(rejections)('rejects at the front door: %s', (_name, c, category, statusCode, entityCode) => {
    const r = run(c);
    expect(r.outcomes).toEqual([expect.objectContaining({ kind: 'rejected', category, statusCode })]);
    expect((r.outcomes[0] as { entityCode?: string }).entityCode).toBe(entityCode);
    expect(r.state.sequence).toBe(0);
    // The reason is safe to log: no member id in it.
    expect((r.outcomes[0] as { reason: string }).reason).not.toContain(c.memberId);
  });

  it('pends a PEND member until the pend period is over, then adjudicates', () => {
    const c = claim('PEND001', [line('99213', 9000)]);
    const r = run(c, emptyState(), '2026-01-20', '2026-01-10');
    expect(r.outcomes).toEqual([expect.objectContaining({ kind: 'pended', until: '2026-02-24' })]);
    expect(run(c, r.state, '2026-02-23', '2026-01-10').outcomes[0]?.kind).toBe('pended');
    expect(run(c, r.state, '2026-02-24', '2026-01-10').outcomes[0]?.kind).toBe('adjudicated');
    expect(run(claim('FULL070', [line('99213', 9000)], { notes: ['sbx-pend'] })).outcomes[0]?.kind).toBe('pended');
  });

  it('a corrected claim (frequency 7) reverses the original (CLP02 22) and adjudicates the replacement, restoring accumulators', () => {
    const first = run(claim('DED070', [line('99213', 9000, { modifiers: ['25'] }), line('85025', 1100, { modifiers: ['25'] })]));
    const original = first.outcomes[0] as ClaimAdjudication;
    expect(original.lines.map(adj)).toEqual([['PR-1:9000'], ['CO-4:1100']]);
    expect(first.state.members['SBXCOMM01|DED070']?.accumulators.deductibleMetCents).toBe(9000);
    const corrected = claim('DED070', [line('99213', 9000, { modifiers: ['25'] }), line('85025', 1100)], {
      frequencyCode: '7',
      originalPayerClaimNumber: original.payerClaimControlNumber,
    });
    const r = run(corrected, first.state);
    expect(r.outcomes.map((o) => (o as ClaimAdjudication).statusCode)).toEqual(['22', '1']);
    const [reversal, replacement] = r.outcomes as [ClaimAdjudication, ClaimAdjudication];
    expect(reversal.payerClaimControlNumber).toBe(original.payerClaimControlNumber);
    expect(reversal.chargeCents).toBe(-original.chargeCents);
    expect(reversal.lines.map(adj)).toEqual([['PR-1:-9000'], ['CO-4:-1100']]);
    expect(replacement.lines.map(adj)).toEqual([['PR-1:9000'], ['PR-1:1100']]);
    expect(r.state.members['SBXCOMM01|DED070']?.accumulators.deductibleMetCents).toBe(10100);
    expectBalanced(reversal);
    expectBalanced(replacement);
    // The original cannot be replaced twice.
    expect(run(corrected, r.state).outcomes[0]?.kind).toBe('rejected');
  });

  it('a void (frequency 8) only reverses', () => {
    const first = run(claim('FULL080', [line('99213', 9000)]));
    const n = (first.outcomes[0] as ClaimAdjudication).payerClaimControlNumber;
    const r = run(claim('FULL080', [line('99213', 9000)], { frequencyCode: '8', originalPayerClaimNumber: n }), first.state);
    expect(r.outcomes).toEqual([expect.objectContaining({ statusCode: '22', paidCents: -9000 })]);
  });

  it('a secondary pays the primary patient responsibility up to its allowed amount, with CO-23 for the rest', () => {
    // Primary (standard member): 99213 allowed 90.00, deductible 90.00 → paid 0, PR-1 90.00.
    // Line 2: 99214 allowed 130.00 with deductible 210.00 left → PR-1 130.00.
    const primary = only(claim('STD090', [line('99213', 10000), line('99214', 15000)]));
    const prior = {
      payerId: primary.payerId,
      paidCents: primary.paidCents,
      lines: primary.lines.map((l) => ({
        lineNumber: l.lineNumber,
        paidCents: l.paidCents,
        adjustments: [
          {
            groupCode: 'PR',
            adjustments: l.adjustments.filter((a) => a.group === 'PR').map((a) => ({ reasonCode: a.reason, amountCents: a.amountCents })),
          },
        ],
      })),
    };
    const sec = only(claim('SEC090', [line('99213', 10000), line('99214', 15000)], { payerId: 'SBXSEC02', priorPayer: prior }));
    // Secondary fee schedule: 99213 at 90% = 81.00 → pays 81.00 of 90.00, 9.00 stays PR-1; 99214 at 110% = 143.00 → pays all 130.00.
    expect(sec.statusCode).toBe('2');
    expect(sec.lines.map(adj)).toEqual([['CO-23:1000', 'PR-1:900'], ['CO-23:2000']]);
    expect(sec.paidCents).toBe(8100 + 13000);
    expectBalanced(sec);
  });
});

describe('sandbox adjudication: institutional and invariants', () => {
  it('prices 837I lines by HCPCS when the fee schedule has it, else by revenue code per unit; unknown revenue codes are not covered', () => {
    const c = claim(
      'FULL600',
      [
        {
          lineNumber: 1,
          revenueCode: '0450',
          procedureCode: '99284',
          modifiers: [],
          units: '1',
          chargeCents: 100000,
          serviceDate: '2026-01-05',
        },
        { lineNumber: 2, revenueCode: '0300', modifiers: [], units: '2', chargeCents: 10000, serviceDate: '2026-01-05' },
        { lineNumber: 3, revenueCode: '0999', modifiers: [], units: '1', chargeCents: 5000, serviceDate: '2026-01-05' },
      ],
      { claimType: '837I', facilityCode: '13' },
    );
    const a = only(c);
    expect(a.lines.map((l) => [l.allowedCents, l.paidCents])).toEqual([
      [24000, 24000],
      [6000, 6000],
      [0, 0],
    ]);
    expect(a.lines[2]?.adjustments).toEqual([{ group: 'CO', reason: '96', amountCents: 5000 }]);
  });

  it('secondary lines balance and stay non-negative whatever the prior payer reported (property)', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500_000 }),
        fc.integer({ min: 0, max: 500_000 }),
        fc.array(
          fc.record({ reasonCode: fc.constantFrom('1', '2', '3', '45', '96'), amountCents: fc.integer({ min: -1000, max: 300_000 }) }),
          { maxLength: 4 },
        ),
        fc.constantFrom('99213', '99214', '15780', '93000'),
        (charge, priorPaid, pr, code) => {
          const c = claim('SEC700', [line(code, charge)], {
            payerId: 'SBXSEC02',
            diagnoses: ['R079'],
            priorPayer: {
              payerId: 'SBXCOMM01',
              paidCents: priorPaid,
              lines: [{ lineNumber: 1, paidCents: priorPaid, adjustments: [{ groupCode: 'PR', adjustments: pr }] }],
            },
          });
          const a = only(c);
          expectBalanced(a);
          for (const l of a.lines) {
            expect(l.paidCents).toBeGreaterThanOrEqual(0);
            for (const x of l.adjustments) expect(x.amountCents).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('in-place updates give the same outcomes and final state as copying, and copying leaves earlier states untouched', () => {
    const claims = [
      claim('DED810', [line('99214', 13000)]),
      claim('DED810', [line('99215', 18000)], { patientControlNumber: 'P2' }),
      claim('DED810', [line('99214', 13000)], { patientControlNumber: 'P3' }),
    ];
    let copied = emptyState();
    const inPlace = emptyState();
    const before = JSON.stringify(copied);
    const first = copied;
    const outA: AdjudicationOutcome[] = [];
    const outB: AdjudicationOutcome[] = [];
    for (const c of claims) {
      const a = adjudicate(c, plan, copied, { today: TODAY });
      copied = a.state;
      outA.push(...a.outcomes);
      const b = adjudicate(c, plan, inPlace, { today: TODAY, inPlace: true });
      expect(b.state).toBe(inPlace);
      outB.push(...b.outcomes);
    }
    const void1 = {
      ...(claims[0] as SandboxClaim),
      frequencyCode: '8' as const,
      originalPayerClaimNumber: (outA[0] as ClaimAdjudication).payerClaimControlNumber,
    };
    copied = adjudicate(void1, plan, copied, { today: TODAY }).state;
    adjudicate(void1, plan, inPlace, { today: TODAY, inPlace: true });
    expect(outB).toEqual(outA);
    expect(inPlace).toEqual(copied);
    expect(JSON.stringify(first)).toBe(before);
    expect(outA.map((o) => (o as ClaimAdjudication).denialReason)).toEqual([undefined, undefined, 'CO-18']);
  });

  it('is deterministic: the same claim and state give the same outcome', () => {
    const c = claim('STD800', [line('99214', 20000), line('93010', 900)]);
    expect(run(c)).toEqual(run(c));
  });
});

describe('sandbox accumulators (property)', () => {
  it('stay within the plan limits and always equal the starting values plus the live adjudications’ deltas, through voids and corrections', async () => {
    const fc = (await import('fast-check')).default;
    const step = fc.record({
      code: fc.constantFrom('99213', '99215', '29881', '85025', '15780'),
      charge: fc.integer({ min: 0, max: 200_000 }),
      then: fc.constantFrom('keep', 'keep', 'void', 'correct'),
    });
    fc.assert(
      fc.property(
        fc.constantFrom('STD', 'DED', 'COPAY', 'OOP', 'FULL'),
        fc.array(step, { minLength: 1, maxLength: 10 }),
        (prefix, steps) => {
          const memberId = `${prefix}777`;
          const start = memberFor(plan.payerId, memberId) as SandboxMember;
          let state = emptyState();
          steps.forEach((s, i) => {
            const c = claim(memberId, [line(s.code, s.charge, { serviceDate: `2026-01-${String((i % 9) + 1).padStart(2, '0')}` })], {
              patientControlNumber: `P${i}`,
              authorizationNumber: 'A',
            });
            const r = run(c, state);
            state = r.state;
            const a = r.outcomes[0] as ClaimAdjudication;
            if (a.kind !== 'adjudicated' || (a.statusCode === '4' && a.denialReason === 'CO-18')) return;
            if (s.then !== 'keep')
              state = run(
                {
                  ...c,
                  frequencyCode: s.then === 'void' ? '8' : '7',
                  originalPayerClaimNumber: a.payerClaimControlNumber,
                  lines: c.lines.map((l) => ({ ...l, chargeCents: Math.floor(l.chargeCents / 2) })),
                  totalChargeCents: c.lines.reduce((t, l) => t + Math.floor(l.chargeCents / 2), 0),
                },
                state,
              ).state;
          });
          const m = state.members[`${plan.payerId}|${memberId}`] ?? start;
          const live = Object.values(state.claims).filter((r) => !r.reversedBy && r.adjudication.memberId === memberId);
          expect(m.accumulators.deductibleMetCents).toBe(
            start.accumulators.deductibleMetCents + live.reduce((t, r) => t + r.adjudication.accumulatorDelta.deductibleMetCents, 0),
          );
          expect(m.accumulators.outOfPocketMetCents).toBe(
            start.accumulators.outOfPocketMetCents + live.reduce((t, r) => t + r.adjudication.accumulatorDelta.outOfPocketMetCents, 0),
          );
          expect(m.accumulators.deductibleMetCents).toBeLessThanOrEqual(
            Math.max(start.costShare.deductibleCents, start.accumulators.deductibleMetCents),
          );
          expect(m.accumulators.outOfPocketMetCents).toBeLessThanOrEqual(
            Math.max(start.costShare.outOfPocketMaxCents, start.accumulators.outOfPocketMetCents),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
