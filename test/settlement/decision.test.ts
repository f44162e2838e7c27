import { describe, expect, it } from 'vitest';
import { decideSettlement, laterResponsibilities, nextCoverage } from '#functions/settlement/decision.ts';
import { coverage, morgan, morganPrimary, morganSecondary } from '#test/payers/exchange/fixtures.ts';

const zero = { primary: 0, secondary: 0, tertiary: 0, patient: 0 };

describe('what happens to a claim once its payer paid', () => {
  it('the patient share with a secondary coverage in force goes to a secondary claim', () => {
    expect(decideSettlement({ priority: 'primary', balances: { ...zero, patient: 2_000 }, hasNextCoverage: true })).toMatchObject({
      next: 'secondary-claim',
      shareCents: 2_000,
      shares: [{ responsibility: 'patient', amountCents: 2_000 }],
    });
  });

  it('the share the 835 posting already moved to the secondary is the same share', () => {
    const d = decideSettlement({ priority: 'primary', balances: { ...zero, secondary: 1_500, patient: 500 }, hasNextCoverage: true });
    expect(d).toMatchObject({ next: 'secondary-claim', shareCents: 2_000 });
    expect(d.shares.map((s) => s.responsibility)).toEqual(['secondary', 'patient']);
  });

  it('with no further coverage the patient is sent a statement', () => {
    expect(decideSettlement({ priority: 'primary', balances: { ...zero, patient: 2_000 }, hasNextCoverage: false }).next).toBe('statement');
    // A secondary that paid leaves the rest to the patient.
    expect(decideSettlement({ priority: 'secondary', balances: { ...zero, patient: 700 }, hasNextCoverage: false })).toMatchObject({
      next: 'statement',
      shareCents: 700,
    });
  });

  it('nobody owing anything closes the claim', () => {
    expect(decideSettlement({ priority: 'primary', balances: zero, hasNextCoverage: true }).next).toBe('closed');
  });

  it("the payer's own share still open (a denial being worked), or a credit, moves nothing", () => {
    expect(decideSettlement({ priority: 'primary', balances: { ...zero, primary: 2_500 }, hasNextCoverage: true }).next).toBe('open');
    expect(decideSettlement({ priority: 'primary', balances: { ...zero, patient: -300 }, hasNextCoverage: false }).next).toBe('open');
    // A secondary claim on which the primary still shows a balance is not closed.
    expect(decideSettlement({ priority: 'secondary', balances: { ...zero, primary: 100 }, hasNextCoverage: false }).next).toBe('open');
  });

  it('later parties come after the payer, the patient last', () => {
    expect(laterResponsibilities('primary')).toEqual(['secondary', 'tertiary', 'patient']);
    expect(laterResponsibilities('secondary')).toEqual(['tertiary', 'patient']);
    expect(laterResponsibilities('tertiary')).toEqual(['patient']);
  });

  it('the next coverage is the next priority in force on the remit date', () => {
    expect(nextCoverage([morganPrimary, morganSecondary], morganPrimary, '2026-02-01')?.coverageId).toBe(morganSecondary.coverageId);
    const ended = { ...morganSecondary, terminationDate: '2026-01-31' };
    expect(nextCoverage([morganPrimary, ended], morganPrimary, '2026-02-01')).toBeUndefined();
    const tertiary = coverage(morgan, 'SEC30004', { priority: 'tertiary' });
    expect(nextCoverage([morganPrimary, ended, tertiary], morganPrimary, '2026-02-01')?.coverageId).toBe(tertiary.coverageId);
    expect(nextCoverage([morganPrimary, morganSecondary], morganSecondary, '2026-02-01')).toBeUndefined();
  });
});
