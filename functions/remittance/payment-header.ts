/**
 * The payment of one 835 transaction set (BPR, TRN, the payer's id, GS date) as posting needs it, or
 * the reason it cannot carry a posting. Pure: reads the engine's header event, nothing else.
 */
import type { Remittance } from '#schemas/remittance.ts';
import { groupCreatedAt } from '#functions/x12/index.ts';
import type { RemittanceHeaderEvent } from '#functions/x12/index.ts';
import type { RemittanceFileProblem } from './remittance-file.ts';

const PAYMENT_METHODS = new Set(['ACH', 'CHK', 'BOP', 'FWT', 'NON']);
const ENTITY_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export interface PaymentHeader {
  readonly payerId: string;
  readonly traceNumber: string;
  readonly totalPaymentCents: number;
  readonly paymentMethod: Remittance['paymentMethod'];
  readonly paymentDate: string;
  /** When the payer created the 835 (GS04/GS05): the time of the claims' `adjudicated` events, the same for every delivery. */
  readonly issuedAt?: string;
}

/** The payer as the 835 names it: N1*PR id (XV, sandbox and CMS plan id), else REF*2U, else TRN03. */
export function payerIdOf(header: RemittanceHeaderEvent['header']): string | undefined {
  const candidates = [header.payer?.id, header.payer?.references?.find((r) => r.qualifier === '2U')?.value, header.trace?.originatorId];
  return candidates.map((c) => c?.trim()).find((c): c is string => c !== undefined && ENTITY_ID.test(c));
}

const isoDateOf = (ccyymmdd: string | undefined): string | undefined =>
  ccyymmdd && /^\d{8}$/.test(ccyymmdd) ? `${ccyymmdd.slice(0, 4)}-${ccyymmdd.slice(4, 6)}-${ccyymmdd.slice(6, 8)}` : undefined;

/** The payment header of a transaction set, or why it cannot carry a posting. */
export function paymentHeader(event: RemittanceHeaderEvent): PaymentHeader | RemittanceFileProblem {
  const { header, transaction } = event;
  const at = { byteOffset: transaction.byteOffset };
  if (!header.payment || typeof header.payment.totalPaymentCents !== 'number')
    return { reason: `transaction set ${transaction.controlNumber} has no usable BPR (payment)`, ...at, segment: 'BPR' };
  const trace = header.trace?.checkOrEftNumber?.trim();
  if (!trace || trace.length > 50)
    return { reason: `transaction set ${transaction.controlNumber} has no usable TRN02 (trace number)`, ...at, segment: 'TRN' };
  const payerId = payerIdOf(header);
  if (!payerId)
    return { reason: `transaction set ${transaction.controlNumber} names no payer id (N1*PR, REF*2U or TRN03)`, ...at, segment: 'N1' };
  if (!PAYMENT_METHODS.has(header.payment.paymentMethod))
    return { reason: `transaction set ${transaction.controlNumber} has an unknown BPR04 payment method`, ...at, segment: 'BPR' };
  const paymentDate = isoDateOf(header.payment.paymentDate);
  if (!paymentDate || Number.isNaN(Date.parse(paymentDate)))
    return { reason: `transaction set ${transaction.controlNumber} has no valid BPR16 payment date`, ...at, segment: 'BPR' };
  const sign = header.payment.creditDebitFlag === 'D' ? -1 : 1;
  const issuedAt = groupCreatedAt(transaction.group);
  return {
    payerId,
    traceNumber: trace,
    totalPaymentCents: sign * header.payment.totalPaymentCents,
    paymentMethod: header.payment.paymentMethod as Remittance['paymentMethod'],
    paymentDate,
    ...(issuedAt ? { issuedAt } : {}),
  };
}

/** Whether {@link paymentHeader} gave a problem rather than a header. */
export const isHeaderProblem = (h: PaymentHeader | RemittanceFileProblem): h is RemittanceFileProblem => 'reason' in h;
