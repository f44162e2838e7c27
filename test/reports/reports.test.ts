import { describe, expect, it } from 'vitest';
import { financialReports } from '#functions/reports/financial-reports.ts';
import { basisPoints, scaled } from '#functions/reports/ratio.ts';
import { fixedBook, PAYER_A, PAYER_B } from './fixed-book.ts';

const r = financialReports(fixedBook);

describe('A/R aging of the fixed book on 2026-06-30 (aged from the discharge date)', () => {
  it('puts each open balance in the bucket of its claim and sums to the open A/R to the cent', () => {
    // R1 100,000 (10 days) + R2 patient 10,000 (46) + R3 80,000 (81) + R5 25,000 (107) + R4 patient 6,000 (121).
    expect(r.aging.total.bucketCents).toEqual([100_000, 10_000, 80_000, 25_000, 6_000]);
    expect(r.aging.openArCents).toBe(221_000);
    expect(r.aging.total.claims).toBe(5);
  });

  it('by payer: insurers own their claims’ shares, the patient the rest', () => {
    expect(r.aging.byPayer).toEqual([
      { key: PAYER_A, bucketCents: [100_000, 0, 0, 25_000, 0], totalCents: 125_000, claims: 2 },
      { key: PAYER_B, bucketCents: [0, 0, 80_000, 0, 0], totalCents: 80_000, claims: 1 },
      { key: 'patient', bucketCents: [0, 10_000, 0, 0, 6_000], totalCents: 16_000, claims: 2 },
    ]);
  });

  it('by responsibility', () => {
    expect(r.aging.byResponsibility).toEqual([
      { key: 'primary', bucketCents: [100_000, 0, 80_000, 25_000, 0], totalCents: 205_000, claims: 3 },
      { key: 'patient', bucketCents: [0, 10_000, 0, 0, 6_000], totalCents: 16_000, claims: 2 },
    ]);
  });
});

describe('denials', () => {
  it('counts initial denials over claims adjudicated, partial denials beside them', () => {
    // Adjudicated by 06-30: R2, R3, R4, R5 (R1's denial came on 07-05). R3 denied; R4 had a line denied.
    expect(r.denials).toMatchObject({
      adjudicatedClaims: 4,
      initiallyDeniedClaims: 1,
      partiallyDeniedClaims: 1,
      adjudicatedChargeCents: 360_000,
      deniedChargeCents: 80_000,
    });
    expect(basisPoints(r.denials.initialDenialRate)).toBe(2_500);
    expect(basisPoints(r.denials.denialRateByCharges)).toBe(2_222); // 80,000 / 360,000 = 22.22 %
  });

  it('groups the denials raised by category and by the group-CARC codes they name, largest first', () => {
    // Raised by 06-30: W1 appealable CO-50 800, W2 correctable CO-16 50, W10 appealable CO-50 30, W12 appealable OA-ZZ9 + CO-50 10;
    // not W11 (an upheld appeal) nor W7 (raised 07-03).
    expect([r.denials.denialsRaised, r.denials.deniedCents]).toEqual([4, 89_000]);
    expect(r.denials.byCategory).toEqual([
      { category: 'appealable', denials: 3, cents: 84_000 },
      { category: 'correctable', denials: 1, cents: 5_000 },
    ]);
    expect(r.denials.byCode).toEqual([
      { code: 'CO-50', category: 'appealable', denials: 3, cents: 84_000 },
      { code: 'CO-16', category: 'correctable', denials: 1, cents: 5_000 },
      { code: 'OA-ZZ9', category: 'unclassified', denials: 1, cents: 1_000 },
    ]);
  });
});

describe('claim quality', () => {
  it('clean claims: no scrub error, no amendment, no payer rejection', () => {
    // Scrubbed: all five. Not clean: R3 (errors, amended), R4 (277CA rejected).
    expect(r.claimQuality).toMatchObject({ scrubbedClaims: 5, cleanClaims: 3, adjudicatedClaims: 4, firstPassResolved: 1 });
    expect(basisPoints(r.claimQuality.cleanClaimRate)).toBe(6_000);
    // Only R2: R3 denied, R4 a line denied, R5 appealed.
    expect(basisPoints(r.claimQuality.firstPassResolutionRate)).toBe(2_500);
  });
});

describe('collections', () => {
  it('to date: charges, contractuals, payments (a reversed payment no longer counts)', () => {
    expect(r.collections.toDate).toEqual({
      chargesCents: 460_000,
      contractualCents: 55_000,
      netRevenueCents: 405_000,
      insurancePaymentsCents: 180_000,
      patientPaymentsCents: 4_000,
      refundsCents: 0,
      netPaymentsCents: 184_000,
      writeOffCents: 0,
    });
    expect(basisPoints(r.collections.netCollectionRate)).toBe(4_543); // 184,000 / 405,000
  });

  it('days in A/R over the last 90 days’ net revenue (entries after 2026-04-01)', () => {
    // Charges R1 + R2 + R3 = 230,000; contractuals 10,000 + 40,000 + 5,000 = 55,000: 175,000 net.
    expect(r.collections.trailing90Days.netRevenueCents).toBe(175_000);
    // 221,000 × 90 / 175,000 = 113.657 days.
    expect(scaled(r.collections.daysInAr, 10)).toBe(1_137);
  });
});

describe('remittance reconciliation', () => {
  it('checks BPR02 against ΣCLP04 − ΣPLB per payment, ΣCLP04 from the claims posted and the claims left for a person', () => {
    expect(
      r.reconciliation.remittances.map((x) => [
        x.traceNumber,
        x.totalPaymentCents,
        x.claimPaidCents,
        x.providerAdjustmentCents,
        x.balanced,
        x.postedClaims,
        x.notPostedClaims,
        x.notPostedPaidCents,
      ]),
    ).toEqual([
      ['TRN-B1', 150_000, 150_000, 0, true, 1, 0, 0],
      ['TRN-A1', 20_000, 20_000, 0, true, 1, 0, 0],
      ['TRN-A2', 50_000, 50_000, 0, true, 1, 1, 20_000],
      ['TRN-B2', 5_000, 7_000, 2_000, true, 1, 1, 7_000],
      ['TRN-B3', 10_000, 9_000, 0, false, 0, 1, 9_000],
    ]);
    expect(r.reconciliation.totals).toEqual({
      totalPaymentCents: 235_000,
      claimPaidCents: 236_000,
      providerAdjustmentCents: 2_000,
      balanced: false,
      claims: 7,
      postedClaims: 4,
      notPostedClaims: 3,
      notPostedPaidCents: 36_000,
      unbalancedRemittances: 1,
    });
  });

  it('a payment whose claims add up is still unbalanced when the posting raised an imbalance for it', () => {
    const flagged = financialReports({
      ...fixedBook,
      workItems: fixedBook.workItems.map((w) =>
        w.workItemId === 'WI-R9' ? { ...w, details: { ...w.details, remittanceId: 'REM-A1' } } : w,
      ),
    });
    expect(flagged.reconciliation.remittances.find((x) => x.traceNumber === 'TRN-A1')?.balanced).toBe(false);
  });
});

describe('appeals', () => {
  it('by level, with an appeal decided after the as-of date still open', () => {
    const [one, two] = r.appeals.byLevel;
    expect(one).toMatchObject({ level: 'Level 1', appeals: 3, open: 2, won: 1, lost: 0, disputedCents: 93_000, recoveredCents: 60_000 });
    expect(basisPoints(one!.overturnRate)).toBe(10_000);
    expect(basisPoints(one!.recoveryRate)).toBe(7_500);
    expect(two).toMatchObject({
      level: 'Level 2',
      appeals: 2,
      open: 0,
      won: 0,
      lost: 1,
      withdrawn: 1,
      disputedCents: 7_000,
      recoveredCents: 0,
    });
    expect(r.appeals.total).toMatchObject({
      appeals: 5,
      open: 2,
      won: 1,
      lost: 1,
      withdrawn: 1,
      disputedCents: 100_000,
      decidedDisputedCents: 85_000,
    });
    expect(basisPoints(r.appeals.total.overturnRate)).toBe(5_000);
    expect(basisPoints(r.appeals.total.recoveryRate)).toBe(7_059); // 60,000 / 85,000
  });
});

describe('open work queues', () => {
  it('counts what is undecided on the as-of date, with cents, overdue items and the oldest age', () => {
    const byQueue = Object.fromEntries(r.workQueues.queues.map((q) => [q.queue, q]));
    expect(byQueue.denials).toEqual({ queue: 'denials', openItems: 1, amountCents: 80_000, overdueItems: 0, oldestAgeDays: 18 });
    expect(byQueue.appeals).toEqual({ queue: 'appeals', openItems: 1, amountCents: 10_000, overdueItems: 1, oldestAgeDays: 5 });
    expect(byQueue.holds).toEqual({ queue: 'holds', openItems: 1, amountCents: 0, overdueItems: 1, oldestAgeDays: 41 });
    expect(byQueue['unmatched-remittances']).toEqual({
      queue: 'unmatched-remittances',
      openItems: 2,
      amountCents: 16_000,
      overdueItems: 0,
      oldestAgeDays: 18,
    });
    expect(byQueue.rejections?.openItems).toBe(0);
    expect(r.workQueues.total).toEqual({ queue: 'total', openItems: 5, amountCents: 106_000, overdueItems: 2, oldestAgeDays: 41 });
  });
});
