/** Balances by responsibility, always derived from ledger splits (integer cents). */
import type { AccountBalances, LedgerEntry, LedgerSplit } from '#schemas/ledger-entry.ts';

/** A balance of zero for every party. */
export function zeroBalances(): AccountBalances {
  return { primary: 0, secondary: 0, tertiary: 0, patient: 0 };
}

/** Adds splits to balances without mutating the input. */
export function addSplits(balances: AccountBalances, splits: readonly LedgerSplit[]): AccountBalances {
  const next = { ...balances };
  for (const split of splits) next[split.responsibility] += split.amountCents;
  return next;
}

/** Balances derived from a list of entries: the only definition of what an account owes. */
export function balancesOf(entries: readonly LedgerEntry[]): AccountBalances {
  return entries.reduce((acc, entry) => addSplits(acc, entry.splits), zeroBalances());
}

/** Total owed across every responsibility. */
export function totalBalance(balances: AccountBalances): number {
  return balances.primary + balances.secondary + balances.tertiary + balances.patient;
}

/** Balances per claim (entries without a claim id are grouped under ""), for claim-level aging and follow-up. */
export function balancesByClaim(entries: readonly LedgerEntry[]): Map<string, AccountBalances> {
  const byClaim = new Map<string, AccountBalances>();
  for (const entry of entries) {
    const claimId = entry.claimId ?? '';
    byClaim.set(claimId, addSplits(byClaim.get(claimId) ?? zeroBalances(), entry.splits));
  }
  return byClaim;
}
