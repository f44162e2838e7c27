/**
 * The figures of a patient statement, read from the account's ledger: per service line and per claim,
 * what was billed, what insurance paid, what was adjusted off, what the patient paid, and what is due.
 * Integer cents throughout; every row obeys billed − insurance paid − adjustments − patient paid = due,
 * and the statement's amount due is exactly the patient's balance on the ledger for its claims.
 *
 * A visit billed to a second plan is a chain of claims (the primary's, then the secondary claim
 * settlement made with `priorClaimId`): the statement shows the chain as one visit, so the share moved
 * from one claim to the next (COB-OUT / COB-IN) cancels and each payer's payment counts once.
 */
import type { Claim } from '#schemas/claim.ts';
import type { LedgerEntry } from '#schemas/ledger-entry.ts';

/** One row's money, in cents. Reductions (payments, adjustments) are positive numbers. */
export interface StatementFigures {
  readonly billedCents: number;
  readonly insurancePaidCents: number;
  readonly adjustmentsCents: number;
  readonly patientPaidCents: number;
  /** billed − insurance paid − adjustments − patient paid. */
  readonly amountDueCents: number;
}

export interface StatementLine extends StatementFigures {
  readonly lineNumber: number;
  readonly serviceDate: string;
  readonly procedureCode?: string;
  readonly revenueCode?: string;
  readonly units: number;
}

/** One visit: a claim (with the claims before it in its chain) as the patient sees it. */
export interface StatementVisit {
  /** The claim the statement was requested for (the last of its chain). */
  readonly claimId: string;
  readonly serviceDateFrom: string;
  readonly serviceDateTo: string;
  readonly lines: readonly StatementLine[];
  /** Ledger activity not tied to one service line (claim-level adjustments, payments, charge changes); zero when there is none. */
  readonly otherActivity: StatementFigures;
  /** What insurers still owe on the visit (0 once settled); not part of the amount due. */
  readonly pendingInsuranceCents: number;
  /** Lines plus other activity, less what is pending with insurance: `amountDueCents` is the patient's balance. */
  readonly totals: StatementFigures & { readonly pendingInsuranceCents: number };
}

export interface Statement {
  readonly statementId: string;
  readonly statementRequestId: string;
  readonly accountId: string;
  readonly statementDate: string;
  readonly dueDate: string;
  readonly visits: readonly StatementVisit[];
  readonly totals: StatementFigures & { readonly pendingInsuranceCents: number };
}

/** What a statement is built from: ids, dates, the claim chains (first claim first) and the account's ledger entries. */
export interface StatementInput {
  readonly statementId: string;
  readonly statementRequestId: string;
  readonly accountId: string;
  readonly statementDate: string;
  readonly dueDate: string;
  readonly chains: readonly (readonly Claim[])[];
  readonly entries: readonly LedgerEntry[];
}

type Column = 'billedCents' | 'insurancePaidCents' | 'adjustmentsCents' | 'patientPaidCents';

const zeroFigures = (): StatementFigures => ({
  billedCents: 0,
  insurancePaidCents: 0,
  adjustmentsCents: 0,
  patientPaidCents: 0,
  amountDueCents: 0,
});

const entryTotal = (entry: LedgerEntry): number => entry.splits.reduce((sum, s) => sum + s.amountCents, 0);

/**
 * Where an entry's money shows on a statement. A reversal shows where the entry it cancels showed (a
 * payer taking back its payment lowers "insurance paid"); a refund lowers what its party paid.
 */
export function columnOf(entry: LedgerEntry, byId: ReadonlyMap<string, LedgerEntry>): Column {
  switch (entry.kind) {
    case 'reversal': {
      const original = entry.reversesEntryId ? byId.get(entry.reversesEntryId) : undefined;
      return original && original.kind !== 'reversal' ? columnOf(original, byId) : 'adjustmentsCents';
    }
    case 'charge':
      return 'billedCents';
    case 'insurance-payment':
      return 'insurancePaidCents';
    case 'patient-payment':
      return 'patientPaidCents';
    case 'refund':
      return entry.splits.every((s) => s.responsibility === 'patient') ? 'patientPaidCents' : 'insurancePaidCents';
    default:
      // Contractual and other adjustments, write-offs, and transfers (whose splits cancel).
      return 'adjustmentsCents';
  }
}

/**
 * The service line an entry belongs to: an 835 posting is one line's (its key ends with the line
 * number, see accounts/posting-key.ts), a reversal belongs where its original did, anything else
 * belongs to the claim as a whole.
 */
export function lineOf(entry: LedgerEntry, byId: ReadonlyMap<string, LedgerEntry>): number | 'claim' {
  if (entry.kind === 'reversal') {
    const original = entry.reversesEntryId ? byId.get(entry.reversesEntryId) : undefined;
    return original && original.kind !== 'reversal' ? lineOf(original, byId) : 'claim';
  }
  const parts = entry.postingKey.split('|');
  if (parts[0] !== '835' || parts.length !== 6) return 'claim';
  const line = Number(decodeURIComponent(parts[5]!));
  return Number.isInteger(line) && line >= 1 ? line : 'claim';
}

/** Adds an entry's money to a row: billed rises by its total, the reductions by its negation. */
function add(row: StatementFigures, column: Column, total: number): StatementFigures {
  const next = { ...row, [column]: row[column] + (column === 'billedCents' ? total : -total) };
  return withDue(next);
}

const withDue = (row: Omit<StatementFigures, 'amountDueCents'>): StatementFigures => ({
  billedCents: row.billedCents,
  insurancePaidCents: row.insurancePaidCents,
  adjustmentsCents: row.adjustmentsCents,
  patientPaidCents: row.patientPaidCents,
  amountDueCents: row.billedCents - row.insurancePaidCents - row.adjustmentsCents - row.patientPaidCents,
});

const sumFigures = (rows: readonly StatementFigures[]): StatementFigures =>
  withDue({
    billedCents: rows.reduce((s, r) => s + r.billedCents, 0),
    insurancePaidCents: rows.reduce((s, r) => s + r.insurancePaidCents, 0),
    adjustmentsCents: rows.reduce((s, r) => s + r.adjustmentsCents, 0),
    patientPaidCents: rows.reduce((s, r) => s + r.patientPaidCents, 0),
  });

/** One visit's figures from its claim chain (first claim first) and the account's entries. */
export function visitFigures(chain: readonly Claim[], entries: readonly LedgerEntry[]): StatementVisit {
  const first = chain[0];
  const last = chain.at(-1);
  if (!first || !last) throw new Error('a statement visit needs at least one claim');
  const claimIds = new Set(chain.map((c) => c.claimId));
  const byId = new Map(entries.map((e) => [e.entryId, e]));
  const own = entries.filter((e) => e.claimId !== undefined && claimIds.has(e.claimId));

  // The first claim's lines are the services; the later claims in the chain bill the same lines.
  const lineRows = new Map<number, StatementFigures>(
    first.lines.map((l) => [l.lineNumber, withDue({ ...zeroFigures(), billedCents: l.chargeCents })]),
  );
  // The charge is posted for the claim as a whole: the lines carry their own charges, the rest (an amended total) is other activity.
  let other: StatementFigures = withDue({ ...zeroFigures(), billedCents: -first.lines.reduce((s, l) => s + l.chargeCents, 0) });
  let pendingInsuranceCents = 0;
  for (const entry of own) {
    for (const split of entry.splits) if (split.responsibility !== 'patient') pendingInsuranceCents += split.amountCents;
    const column = columnOf(entry, byId);
    const line = column === 'billedCents' ? 'claim' : lineOf(entry, byId);
    const row = line === 'claim' ? undefined : lineRows.get(line);
    if (row && line !== 'claim') lineRows.set(line, add(row, column, entryTotal(entry)));
    else other = add(other, column, entryTotal(entry));
  }

  const lines: StatementLine[] = first.lines.map((l) => ({
    ...lineRows.get(l.lineNumber)!,
    lineNumber: l.lineNumber,
    serviceDate: l.serviceDateFrom,
    ...(l.procedureCode ? { procedureCode: l.procedureCode } : {}),
    ...(l.revenueCode ? { revenueCode: l.revenueCode } : {}),
    units: l.units,
  }));
  const summed = sumFigures([...lines, other]);
  const dates = first.lines.flatMap((l) => [l.serviceDateFrom, l.serviceDateTo]).sort();
  return {
    claimId: last.claimId,
    serviceDateFrom: dates[0]!,
    serviceDateTo: dates.at(-1)!,
    lines,
    otherActivity: other,
    pendingInsuranceCents,
    totals: { ...summed, amountDueCents: summed.amountDueCents - pendingInsuranceCents, pendingInsuranceCents },
  };
}

/** Whether a row has any money on it (an all-zero "other activity" row is not printed). */
export const hasActivity = (row: StatementFigures): boolean =>
  row.billedCents !== 0 || row.insurancePaidCents !== 0 || row.adjustmentsCents !== 0 || row.patientPaidCents !== 0;

/** Builds the statement: one visit per claim chain, and the totals across them. */
export function buildStatement(input: StatementInput): Statement {
  const visits = input.chains.map((chain) => visitFigures(chain, input.entries));
  const summed = sumFigures(visits.map((v) => v.totals));
  const pendingInsuranceCents = visits.reduce((s, v) => s + v.pendingInsuranceCents, 0);
  return {
    statementId: input.statementId,
    statementRequestId: input.statementRequestId,
    accountId: input.accountId,
    statementDate: input.statementDate,
    dueDate: input.dueDate,
    visits,
    totals: { ...summed, amountDueCents: summed.amountDueCents - pendingInsuranceCents, pendingInsuranceCents },
  };
}
