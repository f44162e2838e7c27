/**
 * Denials: how often payers deny on the first adjudication, and why.
 *
 * - Initial denial rate (HFMA MAP Key "Initial Denials Rate", count form): claims whose first
 *   adjudication (CLP02 other than 22, a reversal) was a denial (CLP02 4) over claims adjudicated at
 *   least once, both on or before the as-of date. Partial denials (some lines paid at zero on a
 *   paid claim) are counted beside it, not in it.
 * - Denial rate by charges: the billed charges of those initially denied claims over the billed
 *   charges of every adjudicated claim (HFMA's dollar form, on gross charges).
 * - Denials by category and CARC: every 835 adjustment (claim and line CAS) of remittances received
 *   on or before the as-of date whose CARC (read with its group code) falls outside routine
 *   contractual and patient-responsibility categories, counted once per adjustment with its cents.
 *   Categories are the denial work's own (functions/denials); a CARC not in the catalog is
 *   "unclassified".
 */
import { carcCatalog } from '#functions/denials/carc-catalog.ts';
import type { Adjustment } from '#schemas/adjustment.ts';
import type { ClaimEvent } from '#schemas/claim-event.ts';
import { onOrBefore, timelines, type ReportBook } from './book.ts';
import { ratio, type Ratio } from './ratio.ts';

type Adjudication = Extract<ClaimEvent, { type: 'adjudicated' }>;

export interface DenialCodeRow {
  /** Group and CARC, e.g. "CO-50". */
  readonly code: string;
  readonly category: string;
  readonly adjustments: number;
  readonly cents: number;
}

export interface DenialCategoryRow {
  readonly category: string;
  readonly adjustments: number;
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
  readonly byCategory: readonly DenialCategoryRow[];
  readonly byCode: readonly DenialCodeRow[];
}

const routine = new Set(['contractual', 'patient-responsibility']);

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

  const byCategory = new Map<string, { adjustments: number; cents: number }>();
  const byCode = new Map<string, DenialCodeRow>();
  for (const remittance of book.remittances) {
    if (!onOrBefore(remittance.receivedAt, book.asOf)) continue;
    for (const claim of remittance.claims) {
      if (claim.statusCode === '22') continue;
      for (const adjustment of [...claim.adjustments, ...claim.lines.flatMap((l) => l.adjustments)]) {
        if (adjustment.amountCents === 0) continue;
        const category = denialCategoryOf(adjustment);
        if (routine.has(category)) continue;
        const cat = byCategory.get(category) ?? { adjustments: 0, cents: 0 };
        byCategory.set(category, { adjustments: cat.adjustments + 1, cents: cat.cents + adjustment.amountCents });
        const code = `${adjustment.group}-${adjustment.reasonCode}`;
        const row = byCode.get(code) ?? { code, category, adjustments: 0, cents: 0 };
        byCode.set(code, { ...row, adjustments: row.adjustments + 1, cents: row.cents + adjustment.amountCents });
      }
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
    byCategory: largestFirst(
      [...byCategory.entries()].map(([category, v]) => ({ category, ...v })),
      (r) => r.category,
    ),
    byCode: largestFirst([...byCode.values()], (r) => r.code),
  };
}
