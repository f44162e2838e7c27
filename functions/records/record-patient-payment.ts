/**
 * A cashier records a patient's payment, or a refund to the patient, on the patient's account
 * (optionally one claim of it), following the rules in payment-rules.ts. The rule is checked against
 * the ledger as read and the posting is written only while the account is still at that version, so
 * two refunds racing cannot together give back more than was paid.
 */
import { RecordNotFoundError } from '#functions/errors/index.ts';
import { TransientDependencyError } from '#functions/errors/index.ts';
import type { Store } from '#functions/store/index.ts';
import type { RecordPatientPaymentRequest, RecordPatientPaymentResponse } from '#schemas/patient-payment.ts';
import type { LedgerEntry } from '#schemas/ledger-entry.ts';
import { IdempotencyConflictError, RefundTooLargeError } from './errors.ts';
import { balancesAfter, decidePatientPayment, patientPaymentTotals } from './payment-rules.ts';
import type { RecordsCall } from './ports.ts';

/** How many times a posting may find the account moved under it before the call gives up (retryable). */
const MAX_ATTEMPTS = 20;

/** Records a patient payment or refund; see the module comment. */
export async function recordPatientPayment(
  deps: { readonly store: Store },
  request: RecordPatientPaymentRequest,
  call: RecordsCall,
): Promise<RecordPatientPaymentResponse> {
  const { store } = deps;
  const patient = await store.patients.getPatientRecord(request.patientId);
  if (!patient) throw new RecordNotFoundError('registered patient', 'patientId');
  const { accountId } = patient.patient;
  if (request.claimId) {
    const claim = await store.claims.get(request.claimId);
    // Another patient's claim is answered as no claim at all: the caller learns nothing about it.
    if (!claim || claim.claim.accountId !== accountId) throw new RecordNotFoundError("claim on the patient's account", 'claimId');
  }
  const postedAt = call.at.toISOString();
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const ledger = await store.ledger.getLedger(accountId);
    const decision = decidePatientPayment(accountId, ledger.entries, request, postedAt);
    switch (decision.status) {
      case 'conflict':
        throw new IdempotencyConflictError('paymentId');
      case 'refund-too-large':
        throw new RefundTooLargeError(decision.refundableCents, request.claimId ? 'claim' : 'account');
      case 'duplicate':
        return answer(request, accountId, ledger.entries, decision.postedAt, 'already-recorded', call);
      case 'post': {
        const outcome = await store.ledger.postAtVersion(decision.posting, ledger.version);
        if (outcome.status === 'posted')
          return answer(request, accountId, [...ledger.entries, ...decision.posting.entries], postedAt, 'recorded', call);
        // stale or already posted by a racing twin: read again, and the rules decide again.
      }
    }
  }
  throw new TransientDependencyError('the account ledger (busy with other postings)');
}

function answer(
  request: RecordPatientPaymentRequest,
  accountId: string,
  entries: readonly LedgerEntry[],
  postedAt: string,
  status: RecordPatientPaymentResponse['status'],
  call: RecordsCall,
): RecordPatientPaymentResponse {
  const { paidCents, refundedCents } = patientPaymentTotals(entries, request.claimId);
  const { patientId, paymentId } = request;
  call.recordAccess({
    patientId,
    record: 'payment',
    recordId: paymentId,
    action: status === 'recorded' ? 'create' : 'read',
    fields: ['kind', 'method', 'amountCents', ...(request.reference ? ['reference'] : []), ...(request.claimId ? ['claimId'] : [])],
  });
  call.recordAccess({
    patientId,
    record: 'account',
    recordId: accountId,
    action: 'read',
    fields: ['balances', 'patientPaidCents', 'patientRefundedCents'],
  });
  return {
    paymentId,
    accountId,
    kind: request.kind,
    amountCents: request.amountCents,
    status,
    postedAt,
    ...balancesAfter(entries, request.claimId),
    patientPaidCents: paidCents,
    patientRefundedCents: refundedCents,
  };
}
