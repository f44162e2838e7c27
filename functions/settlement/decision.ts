/**
 * What to do with a claim once its payer has paid: pure, over the claim's balances by responsibility
 * (from the ledger) and the patient's coverages.
 */
import type { AccountBalances } from '#schemas/ledger-entry.ts';
import type { CoveragePriority, Responsibility } from '#schemas/common.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { SettlementNext } from '#schemas/settlement.ts';

const priorities: readonly CoveragePriority[] = ['primary', 'secondary', 'tertiary'];

/** The parties that come after a payer of this priority: the later coverages, then the patient. */
export function laterResponsibilities(priority: CoveragePriority): Responsibility[] {
  return [...priorities.slice(priorities.indexOf(priority) + 1), 'patient'];
}

/** Whether the coverage is in force on the date (ISO `YYYY-MM-DD`). */
export const isActiveOn = (c: Coverage, date: string): boolean =>
  c.effectiveDate <= date && (c.terminationDate === undefined || c.terminationDate >= date);

/**
 * The coverage billed after the one that paid: the first later priority with a coverage in force on
 * the date (the remit date, as the posting run decides who takes the patient share), or undefined.
 */
export function nextCoverage(coverages: readonly Coverage[], paying: Coverage, asOf: string): Coverage | undefined {
  for (const priority of priorities.slice(priorities.indexOf(paying.priority) + 1)) {
    const found = coverages.find((c) => c.priority === priority && c.coverageId !== paying.coverageId && isActiveOn(c, asOf));
    if (found) return found;
  }
  return undefined;
}

export interface SettlementDecision {
  readonly next: SettlementNext;
  /** What the later parties owe together (the share that moves on). */
  readonly shareCents: number;
  /** The later parties' non-zero shares, each as it stands on the claim. */
  readonly shares: readonly { readonly responsibility: Responsibility; readonly amountCents: number }[];
  /** What the paying insurer itself still owes on the claim. */
  readonly payerShareCents: number;
}

/**
 * The decision for one claim: the later parties owe something and a next coverage is in force →
 * bill it (`secondary-claim`); they owe something and none is → the patient gets a `statement`;
 * nobody owes anything → `closed`; otherwise the payer's own share (a denial being worked) or a
 * credit is still open → `open`, nothing moves.
 */
export function decideSettlement(input: {
  readonly priority: CoveragePriority;
  readonly balances: AccountBalances;
  readonly hasNextCoverage: boolean;
}): SettlementDecision {
  const shares = laterResponsibilities(input.priority)
    .map((responsibility) => ({ responsibility, amountCents: input.balances[responsibility] }))
    .filter((s) => s.amountCents !== 0);
  const shareCents = shares.reduce((sum, s) => sum + s.amountCents, 0);
  const payerShareCents = input.balances[input.priority];
  const credit = shares.some((s) => s.amountCents < 0);
  let next: SettlementNext;
  if (shareCents > 0 && !credit) next = input.hasNextCoverage ? 'secondary-claim' : 'statement';
  else if (shares.length === 0 && payerShareCents === 0 && earlierOwe(input) === 0) next = 'closed';
  else next = 'open';
  return { next, shareCents, shares, payerShareCents };
}

/** What payers before this one still owe on the claim (normally nothing: their claims carry it). */
function earlierOwe(input: { readonly priority: CoveragePriority; readonly balances: AccountBalances }): number {
  return priorities.slice(0, priorities.indexOf(input.priority)).reduce((sum, p) => sum + Math.abs(input.balances[p]), 0);
}
