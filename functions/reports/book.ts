/**
 * The book the financial reports read: plain records as the store holds them, up to one as-of date.
 * Every report is a pure function of a book, so the same figures come out of the Lambda, the `rcm
 * report` command and the tests. No PHI leaves through a report: ids, payer ids, codes, counts, cents.
 */
import { addDays, daysBetween as calendarDaysBetween } from '#functions/claims/calendar.ts';
import type { Appeal } from '#schemas/appeal.ts';
import type { ClaimEvent } from '#schemas/claim-event.ts';
import type { Claim } from '#schemas/claim.ts';
import type { LedgerEntry } from '#schemas/ledger-entry.ts';
import type { Remittance } from '#schemas/remittance.ts';
import type { WorkItem } from '#schemas/work-item.ts';

export interface ReportBook {
  /** The last day the reports cover (YYYY-MM-DD, UTC): anything later is left out. */
  readonly asOf: string;
  readonly claims: readonly Claim[];
  /** Every claim's events, in any order. */
  readonly events: readonly ClaimEvent[];
  readonly ledgerEntries: readonly LedgerEntry[];
  readonly remittances: readonly Remittance[];
  readonly appeals: readonly Appeal[];
  readonly workItems: readonly WorkItem[];
}

/** Whole days from `from` to `to` (ISO dates or instants; only the date part counts). */
export function daysBetween(from: string, to: string): number {
  return calendarDaysBetween(from.slice(0, 10), to.slice(0, 10));
}

/** The ISO date `days` before `date`. */
export function daysBefore(date: string, days: number): string {
  return addDays(date.slice(0, 10), -days);
}

/** Whether an instant or date falls on or before the as-of date. */
export function onOrBefore(instant: string, asOf: string): boolean {
  return instant.slice(0, 10) <= asOf;
}

/**
 * The claim's discharge date, the day HFMA's MAP Keys age receivables from: the statement-through
 * date of an institutional claim (837I), otherwise the last date of service on its lines.
 */
export function dischargeDate(claim: Pick<Claim, 'lines' | 'institutional'>): string {
  if (claim.institutional) return claim.institutional.statementThrough;
  return claim.lines.map((l) => l.serviceDateTo).reduce((a, b) => (b > a ? b : a), '0000-01-01');
}

/** The book cut at its as-of date: events, entries, remittances, appeals and work items after it are left out. */
export function asOfCut(book: ReportBook): ReportBook {
  const d = book.asOf;
  return {
    asOf: d,
    claims: book.claims.filter((c) => onOrBefore(c.createdAt, d)),
    events: book.events.filter((e) => onOrBefore(e.at, d)),
    ledgerEntries: book.ledgerEntries.filter((e) => onOrBefore(e.postedAt, d)),
    remittances: book.remittances.filter((r) => onOrBefore(r.receivedAt, d)),
    appeals: book.appeals.filter((a) => onOrBefore(a.createdAt, d)),
    workItems: book.workItems.filter((w) => onOrBefore(w.createdAt, d)),
  };
}

/** Each claim's events in time order (ties by event id), by claim id. */
export function timelines(events: readonly ClaimEvent[]): Map<string, ClaimEvent[]> {
  const byClaim = new Map<string, ClaimEvent[]>();
  for (const e of events) {
    const list = byClaim.get(e.claimId) ?? [];
    list.push(e);
    byClaim.set(e.claimId, list);
  }
  for (const list of byClaim.values())
    list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  return byClaim;
}
