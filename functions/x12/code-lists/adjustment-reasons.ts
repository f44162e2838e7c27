/**
 * Claim Adjustment Reason Codes (CARC, X12 external code list 139: CAS02, CAS05 ... CAS17) and
 * Remittance Advice Remark Codes (RARC, X12 external code list 411: MIA05, MIA20-MIA23, MOA03-MOA07,
 * LQ02 when LQ01 is HE).
 *
 * Source: x12.org/codes/claim-adjustment-reason-codes and x12.org/codes/remittance-advice-remark-codes
 * (RARC maintained by CMS). Both lists change several times a year (codes are added, and codes with a
 * stop date stay valid in remittances for claims adjudicated before it). No complete copy with its
 * provenance was at hand when this was written (2026-11-30), and a validator that rejects a valid
 * current code is worse than one that checks less: so only the form of each code is checked here, not
 * its membership. functions/denials/carc-catalog.ts and rarc-catalog.ts describe the codes the
 * denial work acts on; they are not complete lists either.
 */

/** A CARC: one to three letters or digits (1, 45, 253, A1, B7, P12, W1, Y3...). */
const CARC_FORM = /^[A-Z0-9]{1,3}$/;

/** A RARC: one or two letters and up to four digits (M15, N130, MA01, N1000...). */
const RARC_FORM = /^[A-Z]{1,2}\d{1,4}$/;

/** True when `code` has the form of a claim adjustment reason code. */
export function isCarcForm(code: string): boolean {
  return CARC_FORM.test(code);
}

/** True when `code` has the form of a remittance advice remark code. */
export function isRarcForm(code: string): boolean {
  return RARC_FORM.test(code);
}
