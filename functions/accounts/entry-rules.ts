/** What makes a ledger entry well-formed for its kind (signs, split shapes). */
import type { LedgerEntry } from '#schemas/ledger-entry.ts';

const insurers = new Set(['primary', 'secondary', 'tertiary']);

/** Returns the problems with one entry (empty when it is well-formed); messages name only ids. */
export function entryProblems(entry: LedgerEntry): string[] {
  const problems: string[] = [];
  const where = `entry ${entry.entryId}`;
  for (const split of entry.splits) {
    if (!Number.isSafeInteger(split.amountCents)) problems.push(`${where}: amounts must be whole cents`);
    if (split.amountCents === 0) problems.push(`${where}: zero-amount split`);
  }
  const single = entry.splits.length === 1 ? entry.splits[0] : undefined;
  const needSingle = () => {
    if (!single) problems.push(`${where}: a ${entry.kind} has exactly one split`);
    return single;
  };
  switch (entry.kind) {
    case 'charge': {
      const s = needSingle();
      if (s && s.amountCents < 0) problems.push(`${where}: a charge raises the balance`);
      break;
    }
    case 'insurance-payment': {
      const s = needSingle();
      if (s && !insurers.has(s.responsibility)) problems.push(`${where}: an insurance payment reduces an insurer's share`);
      if (s && s.amountCents > 0) problems.push(`${where}: a payment lowers the balance`);
      break;
    }
    case 'patient-payment': {
      const s = needSingle();
      if (s && s.responsibility !== 'patient') problems.push(`${where}: a patient payment reduces the patient's share`);
      if (s && s.amountCents > 0) problems.push(`${where}: a payment lowers the balance`);
      break;
    }
    case 'refund': {
      const s = needSingle();
      if (s && s.amountCents < 0) problems.push(`${where}: a refund gives money back, raising the balance`);
      break;
    }
    case 'contractual-adjustment':
    case 'other-adjustment':
    case 'write-off':
      needSingle();
      break;
    case 'transfer': {
      const [from, to] = entry.splits;
      if (entry.splits.length !== 2 || !from || !to) problems.push(`${where}: a transfer has two splits`);
      else {
        if (from.amountCents + to.amountCents !== 0) problems.push(`${where}: a transfer must net to zero`);
        if (from.responsibility === to.responsibility) problems.push(`${where}: a transfer moves between two parties`);
      }
      break;
    }
    case 'reversal':
      if (!entry.reversesEntryId) problems.push(`${where}: a reversal names the entry it reverses`);
      break;
  }
  if (entry.kind !== 'reversal' && entry.reversesEntryId) problems.push(`${where}: only a reversal may name a reversed entry`);
  return problems;
}
