/**
 * A settlement cut short (the Step Functions call failed after the claim and the move were written)
 * is finished by the retry: the same claim, the share moved once, the lifecycle started. Over DynamoDB Local.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balancesByClaim, zeroBalances } from '#functions/accounts/balances.ts';
import { ClaimNotReadyError } from '#functions/errors/index.ts';
import { settleClaim, type StartLifecycle } from '#functions/settlement/settle-claim.ts';
import { createStore, documentClient, type Store } from '#functions/store/index.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';
import { seedPaidClaim } from './paid-claim.ts';

let table: TestTable;
let store: Store;
beforeAll(async () => {
  table = await createTestTable();
  store = createStore(documentClient(table.client), table.tableName);
});
afterAll(async () => table?.drop());

const now = () => new Date('2026-01-29T10:00:00Z');

describe('a settlement that failed half-way', () => {
  it('is finished by the retry, moving the share once', async () => {
    const { visit, remitted } = await seedPaidClaim(store, {
      run: 9001,
      lines: [{ charge: 12_000, paid: 5_600, co: 3_000, pr: 3_400 }],
      secondary: 'active',
    });
    const calls: string[] = [];
    const failing: StartLifecycle = async (id) => {
      calls.push(id);
      throw Object.assign(new Error('Step Functions is throttling'), { name: 'ThrottlingException' });
    };
    await expect(settleClaim({ store, startLifecycle: failing, now }, { claimId: visit.claimId })).rejects.toThrow('throttling');
    const working: StartLifecycle = async (id) => (calls.push(id), 'started');
    const retried = await settleClaim({ store, startLifecycle: working, now }, { claimId: visit.claimId });
    expect(retried).toMatchObject({
      next: 'secondary-claim',
      secondaryClaimId: `${visit.claimId}-S`,
      patientBalanceCents: remitted.patientResponsibilityCents,
      secondaryClaimsCreated: 0,
    });
    expect(calls).toEqual([`${visit.claimId}-S`, `${visit.claimId}-S`]);
    const byClaim = balancesByClaim((await store.ledger.getLedger(visit.accountId)).entries);
    expect(byClaim.get(visit.claimId)).toEqual(zeroBalances());
    expect(byClaim.get(`${visit.claimId}-S`)).toEqual({ ...zeroBalances(), secondary: 3_400 });
  });

  it('a claim its payer has not paid is not settled', async () => {
    const { visit } = await seedPaidClaim(store, { run: 9002, lines: [{ charge: 5_000, paid: 5_000, co: 0, pr: 0 }], secondary: 'none' });
    await store.claims.recordEvent({
      type: 'adjudicated',
      eventId: 'REV-9002',
      claimId: visit.claimId,
      at: '2026-01-28T06:00:00Z',
      remittanceId: 'RMT-9002',
      payerClaimControlNumber: 'ICN-9002',
      claimStatusCode: '22',
      paidCents: -5_000,
      patientResponsibilityCents: 0,
      deniedLineCount: 0,
    });
    const start: StartLifecycle = async () => 'started';
    await expect(settleClaim({ store, startLifecycle: start, now }, { claimId: visit.claimId })).rejects.toBeInstanceOf(ClaimNotReadyError);
  });
});
