/**
 * Claim quality at the front and the back of the claim's life.
 *
 * - Clean claim rate (HFMA MAP Key "Clean Claim Rate": claims that pass edits with no manual
 *   intervention over claims accepted into the billing system): of the claims scrubbed at least once
 *   on or before the as-of date, those whose first scrub found no errors, that no person amended,
 *   and that no payer rejected in a 999 or 277CA acknowledgement.
 * - First-pass resolution rate (no HFMA MAP Key; the industry's "first-pass yield"): of the claims
 *   adjudicated at least once, those whose first adjudication paid (CLP02 1, 2 or 3 with a payment)
 *   with no line denied, and that were never corrected or appealed: resolved with one submission.
 */
import { onOrBefore, timelines, type ReportBook } from './book.ts';
import { firstAdjudications } from './denials.ts';
import { ratio, type Ratio } from './ratio.ts';

export interface ClaimQuality {
  readonly scrubbedClaims: number;
  readonly cleanClaims: number;
  readonly cleanClaimRate: Ratio;
  readonly adjudicatedClaims: number;
  readonly firstPassResolved: number;
  readonly firstPassResolutionRate: Ratio;
}

/** Clean-claim and first-pass resolution figures of a book. */
export function claimQuality(book: ReportBook): ClaimQuality {
  let scrubbed = 0;
  let clean = 0;
  const reworked = new Set<string>();
  for (const [claimId, all] of timelines(book.events)) {
    const events = all.filter((e) => onOrBefore(e.at, book.asOf));
    if (events.some((e) => e.type === 'corrected' || e.type === 'appealed')) reworked.add(claimId);
    const firstScrub = events.find((e) => e.type === 'scrubbed');
    if (!firstScrub) continue;
    scrubbed += 1;
    const touched = events.some((e) => e.type === 'amended' || (e.type === 'acknowledged' && !e.accepted));
    if (firstScrub.errorCount === 0 && !touched) clean += 1;
  }
  const first = firstAdjudications(book);
  let resolved = 0;
  for (const [claimId, a] of first)
    if (['1', '2', '3'].includes(a.claimStatusCode) && a.paidCents > 0 && a.deniedLineCount === 0 && !reworked.has(claimId)) resolved += 1;
  return {
    scrubbedClaims: scrubbed,
    cleanClaims: clean,
    cleanClaimRate: ratio(clean, scrubbed),
    adjudicatedClaims: first.size,
    firstPassResolved: resolved,
    firstPassResolutionRate: ratio(resolved, first.size),
  };
}
