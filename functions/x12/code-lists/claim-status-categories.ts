/**
 * Health Care Claim Status Category Codes: X12 external code list 507 (STC01-1, STC10-1, STC11-1 of
 * the 277 X212 and the 277CA X214).
 *
 * Source: X12, "Claim Status Category Codes" (x12.org/codes/claim-status-category-codes), maintained by
 * the Code Maintenance Committee outside the guides. As of: the page's maintenance status was "last
 * reviewed 11/1/2024, no current requests; the list has been stable since the last update" (read
 * 2026-11-30); codes with a stop date are left out (X0 Supplemental Messages stopped 10/16/2003).
 * A0-A8 and P0-P3 were checked against the page and eMedNY's published copy of it; the other codes
 * (D0, E0-E4, F0-F5 with F3F and F3N, P4-P5, R0-R16, RQ) are carried over from the definition this
 * file replaces and were not re-checked against the page (the stored copy at hand was cut short).
 * Update this file when the committee publishes a change: one list per file, one diff per update.
 */
export const CLAIM_STATUS_CATEGORY_CODES = [
  // Acknowledgements
  ...['A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'],
  // Data search unsuccessful
  'D0',
  // Errors
  ...['E0', 'E1', 'E2', 'E3', 'E4'],
  // Finalized
  ...['F0', 'F1', 'F2', 'F3', 'F3F', 'F3N', 'F4', 'F5'],
  // Pending
  ...['P0', 'P1', 'P2', 'P3', 'P4', 'P5'],
  // Requests for additional information (R0-R16) and general requests (RQ)
  ...Array.from({ length: 17 }, (_, n) => `R${n}`),
  'RQ',
] as const;
