/**
 * The account APIs as other hospital services call them, through the local stack's Lambda endpoint
 * with the typed client: the billing office reads Robin's account, the patient portal asks what
 * Robin owes, and the privacy office answers "who looked at my record" from the audit trail.
 */
import { ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientPaymentPosting, transferPosting } from '#functions/accounts/clerk-postings.ts';
import { ApiCallError, apiClient, type ApiClient } from '#functions/api/client.ts';
import { statementRequestIdFor } from '#functions/settlement/next-claim.ts';
import { claim, coverage, line, patient } from '#test/payers/exchange/fixtures.ts';
import { putClaimOnTheBooks } from '#test/support/lifecycle-scenario.ts';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';

const MINUTE = 60_000;
const robin = patient('PAT-7001', { firstName: 'Robin', lastName: 'Oneplan' });
const robinCoverage = coverage(robin, 'STD70001');
const visit = claim('PCN-API1', robinCoverage, [line('99213', 12_000, { serviceDateFrom: '2026-01-12', serviceDateTo: '2026-01-12' })]);

let env: PayerStack;
let billingOffice: ApiClient;
let portal: ApiClient;
let operator: ApiClient;

beforeAll(async () => {
  env = await startPayerStack([[robin, robinCoverage]]);
  // Robin's visit: 120.00 charged to the plan, 30.00 of it moved to Robin (the copay), 10.00 paid at the desk.
  await putClaimOnTheBooks(env, visit);
  const { accountId, claimId } = visit;
  await env.store.ledger.post(
    transferPosting({
      accountId,
      decisionId: 'DEC-1',
      claimId,
      from: 'primary',
      to: 'patient',
      amountCents: 3_000,
      postedAt: '2026-01-13T10:00:00Z',
    }),
  );
  await env.store.ledger.post(
    patientPaymentPosting({ accountId, receiptId: 'RCPT-1', amountCents: 1_000, postedAt: '2026-01-14T10:00:00Z', claimId }),
  );
  await env.store.statements.request({
    statementRequestId: statementRequestIdFor(claimId),
    claimId,
    accountId,
    amountCents: 2_000,
    requestedAt: '2026-01-15T10:00:00Z',
    status: 'requested',
  });
  billingOffice = apiClient({ lambda: env.lambda, qualifier: 'billing-office' });
  portal = apiClient({ lambda: env.lambda, qualifier: 'patient-portal' });
  operator = apiClient({ lambda: env.lambda });
}, 120_000);
afterAll(async () => {
  await env?.stack.stop();
});

describe('the account APIs', () => {
  it("the billing office reads Robin's account: balances by responsibility, ledger, the claim's share and the statement", async () => {
    const account = await billingOffice.call('GetAccount', { accountId: visit.accountId, purposeOfUse: 'payment', onBehalfOf: 'clerk-17' });
    expect(account.balances).toEqual({ primary: 9_000, secondary: 0, tertiary: 0, patient: 2_000 });
    expect(account.ledger.map((e) => e.kind)).toEqual(['charge', 'transfer', 'patient-payment']);
    expect(account.claims).toEqual([
      {
        claimId: visit.claimId,
        status: visit.status,
        payerId: visit.payerId,
        totalChargeCents: 12_000,
        balances: { primary: 9_000, secondary: 0, tertiary: 0, patient: 2_000 },
      },
    ]);
    expect(account.statements).toMatchObject([{ claimId: visit.claimId, amountCents: 2_000 }]);
  });

  it('the patient portal asks what Robin owes: 20.00 to pay, 90.00 pending with the plan, the last payment', async () => {
    await env.stack.advanceClock(MINUTE);
    const answer = await portal.call('BalanceInquiry', { patientId: robin.patientId, purposeOfUse: 'patient-request' });
    expect(answer).toEqual({
      patientId: robin.patientId,
      accounts: [
        {
          accountId: visit.accountId,
          patientOwesCents: 2_000,
          pendingWithInsurersCents: 9_000,
          balances: { primary: 9_000, secondary: 0, tertiary: 0, patient: 2_000 },
          lastPayments: [
            {
              entryId: expect.any(String),
              kind: 'patient-payment',
              postedAt: '2026-01-14T10:00:00Z',
              amountCents: 1_000,
              claimId: visit.claimId,
            },
          ],
        },
      ],
    });
  });

  it('the trail records who, what, which fields, when and why; a second identical call appends; the report lists them newest first', async () => {
    await env.stack.advanceClock(MINUTE);
    const first = await billingOffice.call('ListRecordAccess', { patientId: robin.patientId, purposeOfUse: 'operations' });
    const byApi = (api: string) => first.entries.filter((e) => e.api === api);
    expect(
      byApi('GetAccount')
        .map((e) => e.record)
        .sort(),
    ).toEqual(['account', 'claim', 'ledger', 'statement']);
    expect(byApi('GetAccount')[0]).toMatchObject({
      caller: 'billing-office',
      onBehalfOf: 'clerk-17',
      purposeOfUse: 'payment',
      patientId: robin.patientId,
      at: '2026-01-20T09:00:00.000Z',
    });
    expect(byApi('GetAccount').find((e) => e.record === 'claim')).toMatchObject({
      recordId: visit.claimId,
      action: 'read',
      fields: ['status', 'payerId', 'totalChargeCents', 'balances'],
    });
    expect(byApi('BalanceInquiry').every((e) => e.caller === 'patient-portal' && e.purposeOfUse === 'patient-request')).toBe(true);
    // Newest first: the portal's inquiry a minute after the billing office's read.
    expect(first.entries[0]!.api).toBe('BalanceInquiry');
    expect(first.entries.at(-1)!.api).toBe('GetAccount');
    // No value crosses into the trail: field names only.
    expect(JSON.stringify(first)).not.toContain('Robin');

    await env.stack.advanceClock(MINUTE);
    await portal.call('BalanceInquiry', { patientId: robin.patientId, purposeOfUse: 'patient-request' });
    const second = await billingOffice.call('ListRecordAccess', { patientId: robin.patientId, purposeOfUse: 'operations' });
    // The second inquiry appended its own entries, and the first report was itself recorded.
    expect(second.entries.filter((e) => e.api === 'BalanceInquiry')).toHaveLength(2 * byApi('BalanceInquiry').length);
    expect(second.entries.filter((e) => e.api === 'ListRecordAccess')).toMatchObject([{ record: 'audit-trail', caller: 'billing-office' }]);
    expect(new Set(second.entries.map((e) => e.entryId)).size).toBe(second.entries.length);
  });

  it('pages the report and keeps to a time window', async () => {
    const page = await operator.call('ListRecordAccess', { patientId: robin.patientId, purposeOfUse: 'operations', limit: 2 });
    expect(page.entries).toHaveLength(2);
    const next = await operator.call('ListRecordAccess', {
      patientId: robin.patientId,
      purposeOfUse: 'operations',
      limit: 2,
      nextToken: page.nextToken!,
    });
    expect(next.entries[0]!.at <= page.entries[1]!.at).toBe(true);
    const window = await operator.call('ListRecordAccess', {
      patientId: robin.patientId,
      purposeOfUse: 'operations',
      from: '2026-01-20T09:00:00Z',
      to: '2026-01-20T09:00:30Z',
    });
    expect(new Set(window.entries.map((e) => e.api))).toEqual(new Set(['GetAccount']));
  });
});

describe('who may call', () => {
  it('refuses the patient portal calling for another purpose than the patient’s request', async () => {
    const error = (await portal
      .call('BalanceInquiry', { patientId: robin.patientId, purposeOfUse: 'payment' })
      .catch((e: unknown) => e)) as ApiCallError;
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ errorType: 'CallerNotAuthorizedError' });
    expect(error.message).toContain('patient-portal');
  });

  it('knows no alias for a service that is not a consumer, as Lambda answers', async () => {
    const stranger = apiClient({ lambda: env.lambda, qualifier: 'research-lab' });
    await expect(stranger.call('GetAccount', { accountId: visit.accountId, purposeOfUse: 'research' })).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('answers an unknown patient without echoing the id, and a bad request with every bad field', async () => {
    const missing = (await operator
      .call('BalanceInquiry', { patientId: 'JANE.DOE.19700102', purposeOfUse: 'payment' })
      .catch((e: unknown) => e)) as ApiCallError;
    expect(missing).toMatchObject({ errorType: 'RecordNotFoundError', message: 'patient named by patientId was not found' });
    const bad = (await operator
      .call('BalanceInquiry', { patientId: '', purposeOfUse: 'curiosity', lastPayments: 0 } as never)
      .catch((e: unknown) => e)) as ApiCallError;
    expect(bad.errorType).toBe('InputValidationError');
    expect([...new Set(bad.issues!.map((i) => i.path))].sort()).toEqual(['lastPayments', 'patientId', 'purposeOfUse']);
  });
});
