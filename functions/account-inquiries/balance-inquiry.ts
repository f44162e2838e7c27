/**
 * BalanceInquiry: what a patient owes, what is still pending with insurers, and the latest payments,
 * per account (today one: the patient's guarantor account).
 */
import { RecordNotFoundError } from '#functions/errors/index.ts';
import type { Store } from '#functions/store/index.ts';
import type { BalanceInquiryResponse } from '#schemas/account-api.ts';
import type { PhiAccess } from '#schemas/api.ts';
import type { LedgerEntry } from '#schemas/ledger-entry.ts';

const PAYMENT_KINDS = new Set(['patient-payment', 'insurance-payment', 'refund'] as const);
type PaymentKind = 'patient-payment' | 'insurance-payment' | 'refund';
const isPayment = (entry: LedgerEntry): entry is LedgerEntry & { kind: PaymentKind } => PAYMENT_KINDS.has(entry.kind as PaymentKind);

/** The latest `count` payments, newest first; a payment's amount is what it took off the balances. */
export function lastPaymentsOf(entries: readonly LedgerEntry[], count: number): BalanceInquiryResponse['accounts'][number]['lastPayments'] {
  return entries
    .filter(isPayment)
    .sort((a, b) => Date.parse(b.postedAt) - Date.parse(a.postedAt) || b.entryId.localeCompare(a.entryId))
    .slice(0, count)
    .map((entry) => ({
      entryId: entry.entryId,
      kind: entry.kind,
      postedAt: entry.postedAt,
      amountCents: -entry.splits.reduce((sum, split) => sum + split.amountCents, 0),
      ...(entry.claimId ? { claimId: entry.claimId } : {}),
    }));
}

/** Answers the inquiry and records what it disclosed. */
export async function balanceInquiry(
  store: Store,
  request: { readonly patientId: string; readonly lastPayments?: number | undefined },
  recordAccess: (access: PhiAccess) => void,
): Promise<BalanceInquiryResponse> {
  const { patientId } = request;
  const record = await store.patients.getPatientRecord(patientId);
  if (!record) throw new RecordNotFoundError('patient', 'patientId');
  const accountIds = [record.patient.accountId];
  const accounts = await Promise.all(
    accountIds.map(async (accountId) => {
      const ledger = await store.ledger.getLedger(accountId);
      const { primary, secondary, tertiary, patient } = ledger.balances;
      return {
        accountId,
        patientOwesCents: patient,
        pendingWithInsurersCents: primary + secondary + tertiary,
        balances: ledger.balances,
        lastPayments: lastPaymentsOf(ledger.entries, request.lastPayments ?? 5),
      };
    }),
  );
  recordAccess({ patientId, record: 'patient', recordId: patientId, action: 'read', fields: ['accountId'] });
  for (const accountId of accountIds) {
    recordAccess({ patientId, record: 'account', recordId: accountId, action: 'read', fields: ['balances'] });
    recordAccess({ patientId, record: 'payment', recordId: accountId, action: 'read', fields: ['lastPayments'] });
  }
  return { patientId, accounts };
}
