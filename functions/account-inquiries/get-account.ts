/**
 * GetAccount: an account as the billing office sees it — balances by responsibility, the ledger, the
 * claims with each one's share of the balances, and the statements requested. Every patient whose
 * claims are on the account gets the accesses recorded (a guarantor account may cover several).
 */
import { RecordNotFoundError } from '#functions/errors/index.ts';
import { statementRequestIdFor } from '#functions/settlement/next-claim.ts';
import type { Store } from '#functions/store/index.ts';
import type { GetAccountResponse } from '#schemas/account-api.ts';
import type { PhiAccess } from '#schemas/api.ts';
import type { AccountBalances, LedgerEntry } from '#schemas/ledger-entry.ts';
import type { StatementRequest } from '#schemas/settlement.ts';

const zero = (): AccountBalances => ({ primary: 0, secondary: 0, tertiary: 0, patient: 0 });

/** Sums the splits of these entries by responsibility (integer cents). */
export function balancesOf(entries: readonly LedgerEntry[]): AccountBalances {
  const balances = zero();
  for (const entry of entries) for (const split of entry.splits) balances[split.responsibility] += split.amountCents;
  return balances;
}

/** Reads the account and records, per patient on it, what was disclosed. */
export async function getAccount(store: Store, accountId: string, recordAccess: (access: PhiAccess) => void): Promise<GetAccountResponse> {
  const ledger = await store.ledger.getLedger(accountId);
  const claimIds = [...new Set(ledger.entries.flatMap((e) => (e.claimId ? [e.claimId] : [])))];
  const records = await Promise.all(claimIds.map((id) => store.claims.get(id)));
  const claims = records.flatMap((r) => (r ? [r.claim] : []));
  // The account is known to us through its claims' patients: without one there is no one to account to.
  if (claims.length === 0) throw new RecordNotFoundError('account', 'accountId');
  const statements = (await Promise.all(claims.map((c) => store.statements.get(statementRequestIdFor(c.claimId))))).filter(
    (s): s is StatementRequest => s !== null,
  );

  for (const patientId of new Set(claims.map((c) => c.patientId))) {
    recordAccess({ patientId, record: 'account', recordId: accountId, action: 'read', fields: ['balances'] });
    recordAccess({ patientId, record: 'ledger', recordId: accountId, action: 'read', fields: ['entries'] });
    for (const claim of claims.filter((c) => c.patientId === patientId)) {
      recordAccess({
        patientId,
        record: 'claim',
        recordId: claim.claimId,
        action: 'read',
        fields: ['status', 'payerId', 'totalChargeCents', 'balances'],
      });
      const statement = statements.find((s) => s.claimId === claim.claimId);
      if (statement)
        recordAccess({
          patientId,
          record: 'statement',
          recordId: statement.statementRequestId,
          action: 'read',
          fields: ['amountCents', 'requestedAt', 'status'],
        });
    }
  }
  return {
    accountId,
    balances: ledger.balances,
    ledger: [...ledger.entries],
    claims: claims.map((claim) => ({
      claimId: claim.claimId,
      status: claim.status,
      payerId: claim.payerId,
      totalChargeCents: claim.totalChargeCents,
      balances: balancesOf(ledger.entries.filter((e) => e.claimId === claim.claimId)),
    })),
    statements,
  };
}
