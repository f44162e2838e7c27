/**
 * A statement's figures against ledgers computed by hand: Robin's visit (an office visit and a blood
 * draw) paid by one plan with coinsurance left to Robin, who paid part at the desk; Sam's visit paid
 * by two plans in turn. Every row: billed − insurance paid − adjustments − patient paid = due.
 */
import { describe, expect, it } from 'vitest';
import { buildStatement, hasActivity, visitFigures } from '#functions/statements/figures.ts';
import { formatDollars as formatCents } from '#functions/accounts/money.ts';
import { addDays, defaultStatementSettings, statementSettingsFrom } from '#functions/statements/settings.ts';
import { claim, coverage, line, patient, SECONDARY } from '#test/payers/exchange/fixtures.ts';
import { charge, entriesOf, moveToSecondary, patientPaid, remitLine } from './ledger-fixtures.ts';

const robin = patient('PAT-7001', { firstName: 'Robin', lastName: 'Oneplan' });
const robinPlan = coverage(robin, 'STD70001');
const robinVisit = claim('PCN-SM1', robinPlan, [line('99213', 12_000), line('36415', 1_500)]);

describe("Robin's statement", () => {
  // Line 1: $120.00 billed, plan paid $80.00, CO-45 $20.00, coinsurance $20.00 to Robin.
  // Line 2: $15.00 billed, plan paid $10.00, CO-45 $5.00. Robin paid $5.00 at the desk.
  const entries = entriesOf(
    charge(robinVisit),
    remitLine(robinVisit, { line: 1, paid: 8_000, co: 2_000, pr: 2_000 }),
    remitLine(robinVisit, { line: 2, paid: 1_000, co: 500, pr: 0 }),
    patientPaid(robinVisit, 'RCPT-1', 500),
  );
  const statement = buildStatement({
    statementId: 'PST-1',
    statementRequestId: 'STM-1',
    accountId: robinVisit.accountId,
    statementDate: '2026-02-01',
    dueDate: '2026-03-03',
    chains: [[robinVisit]],
    entries,
  });

  it('shows each service line as the payer settled it', () => {
    const [visit] = statement.visits;
    expect(visit!.lines).toEqual([
      {
        lineNumber: 1,
        serviceDate: '2026-01-10',
        procedureCode: '99213',
        units: 1,
        billedCents: 12_000,
        insurancePaidCents: 8_000,
        adjustmentsCents: 2_000,
        patientPaidCents: 0,
        amountDueCents: 2_000,
      },
      {
        lineNumber: 2,
        serviceDate: '2026-01-10',
        procedureCode: '36415',
        units: 1,
        billedCents: 1_500,
        insurancePaidCents: 1_000,
        adjustmentsCents: 500,
        patientPaidCents: 0,
        amountDueCents: 0,
      },
    ]);
    // The desk payment is for the visit, not a line.
    expect(visit!.otherActivity).toEqual({
      billedCents: 0,
      insurancePaidCents: 0,
      adjustmentsCents: 0,
      patientPaidCents: 500,
      amountDueCents: -500,
    });
  });

  it('totals $135.00 billed, $90.00 insurance, $25.00 adjustments, $5.00 paid: $15.00 due', () => {
    expect(statement.totals).toEqual({
      billedCents: 13_500,
      insurancePaidCents: 9_000,
      adjustmentsCents: 2_500,
      patientPaidCents: 500,
      amountDueCents: 1_500,
      pendingInsuranceCents: 0,
    });
  });
});

describe("Sam's statement, two plans in turn", () => {
  const sam = patient('PAT-7002', { firstName: 'Sam', lastName: 'Twoplans' });
  const primaryPlan = coverage(sam, 'COPAY70002');
  const secondaryPlan = coverage(sam, 'SEC70002', { payerId: SECONDARY.payerId, priority: 'secondary' });
  const primary = claim('PCN-SM2', primaryPlan, [line('99213', 12_000), line('36415', 1_500)], { status: 'paid' });
  const secondary = claim('PCN-SM2-S', secondaryPlan, primary.lines, { priorClaimId: primary.claimId, claimId: `${primary.claimId}-S` });
  // Primary: line 1 paid $80.00, CO-45 $20.00, PR $20.00; line 2 paid $10.00, CO-45 $5.00. The $20.00 moves to the
  // secondary claim, which pays $15.00 of it on line 1 and leaves $5.00 to Sam.
  const entries = entriesOf(
    charge(primary),
    remitLine(primary, { line: 1, paid: 8_000, co: 2_000, pr: 2_000 }),
    remitLine(primary, { line: 2, paid: 1_000, co: 500, pr: 0 }),
    moveToSecondary(primary, secondary, 2_000),
    remitLine(secondary, { line: 1, paid: 1_500, co: 0, pr: 500, payer: 'secondary', trace: 'TRN-2' }),
  );

  it('shows the visit once: both payments on the line, the move between the claims cancels', () => {
    const visit = visitFigures([primary, secondary], entries);
    expect(visit.claimId).toBe(secondary.claimId);
    expect(visit.lines[0]).toMatchObject({ billedCents: 12_000, insurancePaidCents: 9_500, adjustmentsCents: 2_000, amountDueCents: 500 });
    expect(hasActivity(visit.otherActivity)).toBe(false);
    expect(visit.totals).toMatchObject({ billedCents: 13_500, insurancePaidCents: 10_500, adjustmentsCents: 2_500, amountDueCents: 500 });
  });

  it('shows what is still with the secondary before it pays, outside the amount due', () => {
    const before = entries.filter((e) => !e.postingKey.includes('TRN-2'));
    const visit = visitFigures([primary, secondary], before);
    expect(visit.pendingInsuranceCents).toBe(2_000);
    expect(visit.totals.amountDueCents).toBe(0);
  });
});

describe('dates and money', () => {
  it('is due the configured number of days after the statement date', () => {
    expect(addDays('2026-02-01', 30)).toBe('2026-03-03');
    expect(addDays('2026-12-15', 30)).toBe('2027-01-14');
    expect(statementSettingsFrom({ STATEMENT_DUE_DAYS: '21' }).dueDays).toBe(21);
    expect(statementSettingsFrom({ STATEMENT_DUE_DAYS: 'soon' }).dueDays).toBe(defaultStatementSettings.dueDays);
    expect(statementSettingsFrom({ BILLING_OFFICE_ADDRESS: 'PFS | PO Box 9 | Town, ST 00000' }).billingOffice.mailingAddress).toEqual([
      'PFS',
      'PO Box 9',
      'Town, ST 00000',
    ]);
  });

  it('prints cents as dollars without floating point', () => {
    expect(formatCents(0)).toBe('$0.00');
    expect(formatCents(5)).toBe('$0.05');
    expect(formatCents(123_456_789)).toBe('$1,234,567.89');
    expect(formatCents(-1_500)).toBe('-$15.00');
    expect(() => formatCents(1.5)).toThrow(RangeError);
  });
});
