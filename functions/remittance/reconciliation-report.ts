/**
 * The reconciliation report of one 835 file: per payment, the trace number the bank deposit is
 * reassociated by (TRN02), BPR02 against ΣCLP04 and ΣPLB, and what was posted, already on file, held
 * for denials or left for a person. JSON for machines, CSV for the billing office. No PHI: payer ids,
 * trace numbers, counts and cents.
 */
import type { RemittanceFileOutcome } from './remittance-file.ts';

const columns = [
  'traceNumber',
  'payerId',
  'paymentMethod',
  'paymentDate',
  'totalPaymentCents',
  'claimPaidCents',
  'providerAdjustmentCents',
  'claims',
  'claimsPosted',
  'claimsAlreadyPosted',
  'claimsNotPosted',
  'unmatchedPaidCents',
  'heldCents',
  'balanced',
  'remittanceId',
] as const;

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
const csvField = (value: unknown): string => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Where the report of a file goes in the reports bucket: by the day it arrived, named after the file. */
export function reconciliationReportKey(fileKey: string, receivedAt: string): string {
  const name = (fileKey.split('/').pop() ?? 'remittance').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 150);
  return `reconciliation/${receivedAt.slice(0, 10)}/${name}`;
}

/** The report as JSON and CSV. */
export function reconciliationReport(
  outcome: RemittanceFileOutcome,
  file: { key: string; receivedAt: string },
): { json: string; csv: string } {
  const summary = {
    fileKey: file.key,
    receivedAt: file.receivedAt,
    status: outcome.status,
    totalPaymentCents: outcome.totalPaymentCents,
    claimPaidCents: outcome.paidCents,
    providerAdjustmentCents: outcome.providerAdjustmentCents,
    balanced: outcome.balanced,
    claims: outcome.claims,
    posted: outcome.posted,
    alreadyPosted: outcome.alreadyPosted,
    notPosted: outcome.notPosted,
    unmatched: outcome.unmatched,
    heldCents: outcome.heldCents,
    payments: outcome.payments,
  };
  const rows = outcome.payments.map((p) => columns.map((c) => csvField(p[c])).join(','));
  return { json: `${JSON.stringify(summary, null, 2)}\n`, csv: `${[columns.join(','), ...rows].join('\r\n')}\r\n` };
}
