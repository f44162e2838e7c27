/**
 * Denials: how often payers deny on the first adjudication, and why.
 *
 * - Initial denial rate (HFMA MAP Key "Initial Denials Rate", count form): claims whose first
 *   adjudication (CLP02 other than 22, a reversal) was a denial (CLP02 4) over claims adjudicated at
 *   least once, both on or before the as-of date. Partial denials (some lines paid at zero on a
 *   paid claim) are counted beside it, not in it.
 * - Denial rate by charges: the billed charges of those initially denied claims over the billed
 *   charges of every adjudicated claim (HFMA's dollar form, on gross charges).
 * - Denials by category and CARC: the denials the posting raised in the denials queue on or before
 *   the as-of date (one per adjudicated claim with held adjustments, decided or not), by the
 *   category it was classified in (functions/denials), with the cents it held; by CARC, each code
 *   the denial names (group and reason, e.g. CO-50) with the denials naming it and their cents: a
 *   denial naming two codes counts under both, so the CARC rows may add up to more than the total.
 *   The 835's own CAS segments are not kept in the store (a payment may hold thousands of claims);
 *   the denial items are their classified record.
 */
import { carcCatalog } from '#functions/denials/carc-catalog.ts';
import type { Adjustment } from '#schemas/adjustment.ts';
import type { ClaimEvent } from '#schemas/claim-event.ts';
import { denialCategory } from '#schemas/denial-classification.ts';
import { onOrBefore, timelines, type ReportBook } from './book.ts';
import { ratio, type Ratio } from './ratio.ts';

type Adjudication = Extract<ClaimEvent, { type: 'adjudicated' }>;

export interface DenialCodeRow {
  /** Group and CARC, e.g. "CO-50". */
  readonly code: string;
  /** The code's usual category under its group ("unclassified" when the catalog does not know it). */
  readonly category: string;
  readonly denials: number;
  readonly cents: number;
}

export interface DenialCategoryRow {
  readonly category: string;
  readonly denials: number;
  readonly cents: number;
}

export interface DenialReport {
  readonly adjudicatedClaims: number;
  readonly initiallyDeniedClaims: number;
  readonly partiallyDeniedClaims: number;
  readonly initialDenialRate: Ratio;
  readonly adjudicatedChargeCents: number;
  readonly deniedChargeCents: number;
  readonly denialRateByCharges: Ratio;
  /** Denials raised (work items of the denials queue) and their cents. */
  readonly denialsRaised: number;
  readonly deniedCents: number;
  readonly byCategory: readonly DenialCategoryRow[];
  readonly byCode: readonly DenialCodeRow[];
}

/** The category a CARC has under its group code, or "unclassified". */
export function denialCategoryOf(adjustment: Pick<Adjustment, 'group' | 'reasonCode'>): string {
  const entry = carcCatalog.get(adjustment.reasonCode);
  if (!entry) return adjustment.group === 'PR' ? 'patient-responsibility' : 'unclassified';
  return entry.byGroup?.[adjustment.group] ?? entry.category;
}

/** Each claim's first adjudication (reversals aside) on or before the as-of date. */
export function firstAdjudications(book: ReportBook): Map<string, Adjudication> {
  const first = new Map<string, Adjudication>();
  for (const [claimId, events] of timelines(book.events)) {
    const found = events.find(
      (e): e is Adjudication => e.type === 'adjudicated' && e.claimStatusCode !== '22' && onOrBefore(e.at, book.asOf),
    );
    if (found) first.set(claimId, found);
  }
  return first;
}

/** The denial report of a book. */
export function denialReport(book: ReportBook): DenialReport {
  const charges = new Map(book.claims.map((c) => [c.claimId, c.totalChargeCents]));
  let denied = 0;
  let partial = 0;
  let adjudicatedChargeCents = 0;
  let deniedChargeCents = 0;
  const first = firstAdjudications(book);
  for (const [claimId, adjudication] of first) {
    const charge = charges.get(claimId) ?? 0;
    adjudicatedChargeCents += charge;
    if (adjudication.claimStatusCode === '4') {
      denied += 1;
      deniedChargeCents += charge;
    } else if (adjudication.deniedLineCount > 0) partial += 1;
  }

  const byCategory = new Map<string, { denials: number; cents: number }>();
  const byCode = new Map<string, DenialCodeRow>();
  let raised = 0;
  let raisedCents = 0;
  for (const item of book.workItems) {
    // Appeal outcomes (kind appeal-upheld) share the queue; they are the appeals report's.
    if (item.queue !== 'denials' || !denialCategory.safeParse(item.kind).success || !onOrBefore(item.createdAt, book.asOf)) continue;
    raised += 1;
    raisedCents += item.amountCents;
    const cat = byCategory.get(item.kind) ?? { denials: 0, cents: 0 };
    byCategory.set(item.kind, { denials: cat.denials + 1, cents: cat.cents + item.amountCents });
    const codes = Array.isArray(item.details.carc) ? item.details.carc : [];
    for (const code of new Set(codes)) {
      const [group, reasonCode] = code.split('-') as [Adjustment['group'], string];
      const row = byCode.get(code) ?? { code, category: denialCategoryOf({ group, reasonCode: reasonCode ?? '' }), denials: 0, cents: 0 };
      byCode.set(code, { ...row, denials: row.denials + 1, cents: row.cents + item.amountCents });
    }
  }
  const largestFirst = <T extends { cents: number }>(rows: T[], key: (r: T) => string) =>
    rows.sort((a, b) => b.cents - a.cents || (key(a) < key(b) ? -1 : 1));
  return {
    adjudicatedClaims: first.size,
    initiallyDeniedClaims: denied,
    partiallyDeniedClaims: partial,
    initialDenialRate: ratio(denied, first.size),
    adjudicatedChargeCents,
    deniedChargeCents,
    denialRateByCharges: ratio(deniedChargeCents, adjudicatedChargeCents),
    denialsRaised: raised,
    deniedCents: raisedCents,
    byCategory: largestFirst(
      [...byCategory.entries()].map(([category, v]) => ({ category, ...v })),
      (r) => r.category,
    ),
    byCode: largestFirst([...byCode.values()], (r) => r.code),
  };
}
