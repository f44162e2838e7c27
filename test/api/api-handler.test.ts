import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { apiHandler } from '#functions/api/api-handler.ts';
import { authorizedPrincipal, qualifierOf } from '#functions/api/caller.ts';
import type { AuditTrail } from '#functions/store/audit-repository.ts';
import { getAccountRequest } from '#schemas/account-api.ts';
import type { AuditEntry } from '#schemas/api.ts';

const arn = 'arn:aws:lambda:us-east-1:111122223333:function:patient-accounts-GetAccount-AbC123';
const consumers = JSON.stringify({
  'patient-portal': { apis: ['BalanceInquiry', 'GetAccount'], purposes: ['patient-request'] },
  'billing-office': { apis: ['GetAccount'], purposes: ['payment', 'operations'] },
});
const context = (qualifier?: string) =>
  ({
    awsRequestId: 'req-9',
    functionName: 'GetAccount',
    invokedFunctionArn: qualifier ? `${arn}:${qualifier}` : arn,
  }) as unknown as Context;

/** An audit trail in memory; `fail` makes every append fail. */
function trail(fail = false) {
  const written: AuditEntry[][] = [];
  const store = {
    append: async (entries: readonly AuditEntry[]) => {
      if (fail)
        throw Object.assign(new Error('ProvisionedThroughputExceededException'), { name: 'ProvisionedThroughputExceededException' });
      written.push([...entries]);
    },
    listForPatient: async () => ({ entries: [] }),
  } as AuditTrail;
  return { written, store };
}

describe('who is calling (caller.ts)', () => {
  it('is the alias the function was invoked through', () => {
    expect(qualifierOf(`${arn}:billing-office`)).toBe('billing-office');
    expect(qualifierOf(arn)).toBeUndefined();
    expect(authorizedPrincipal('GetAccount', `${arn}:billing-office`, 'payment', { API_CONSUMERS: consumers })).toBe('billing-office');
  });

  it('refuses an unqualified call in AWS, another API, and another purpose', () => {
    const env = { API_CONSUMERS: consumers };
    expect(() => authorizedPrincipal('GetAccount', arn, 'payment', env)).toThrow(/consumer's alias/);
    expect(() => authorizedPrincipal('GetAccount', `${arn}:$LATEST`, 'payment', env)).toThrow(/consumer's alias/);
    expect(() => authorizedPrincipal('BalanceInquiry', `${arn}:billing-office`, 'payment', env)).toThrow(/may not call BalanceInquiry/);
    expect(() => authorizedPrincipal('GetAccount', `${arn}:patient-portal`, 'payment', env)).toThrow(/for purpose payment/);
    expect(() => authorizedPrincipal('GetAccount', `${arn}:lab`, 'research', env)).toThrow(
      expect.objectContaining({ name: 'CallerNotAuthorizedError' }),
    );
  });

  it('locally, an unqualified call is the configured principal: an operator, or the consumer it names', () => {
    expect(authorizedPrincipal('GetAccount', arn, 'research', { API_CONSUMERS: consumers, API_LOCAL_PRINCIPAL: 'local-operator' })).toBe(
      'local-operator',
    );
    expect(() =>
      authorizedPrincipal('GetAccount', arn, 'research', { API_CONSUMERS: consumers, API_LOCAL_PRINCIPAL: 'patient-portal' }),
    ).toThrow(/for purpose research/);
  });
});

describe('apiHandler', () => {
  const body = async (input: { accountId: string }, call: Parameters<Parameters<typeof apiHandler>[1]>[1]) => {
    call.recordAccess({
      patientId: 'PAT-1',
      record: 'account',
      recordId: input.accountId,
      action: 'read',
      fields: ['balances', 'balances'],
    });
    call.recordAccess({ patientId: 'PAT-1', record: 'ledger', recordId: input.accountId, action: 'read', fields: ['entries'] });
    return { ok: true };
  };
  const request = { accountId: 'ACC-1', purposeOfUse: 'payment', onBehalfOf: 'clerk-1' };

  it('writes the accesses of one call together, with who, when, why and the request id, before it answers', async () => {
    const { written, store } = trail();
    const previous = process.env.API_CONSUMERS;
    process.env.API_CONSUMERS = consumers;
    try {
      const handler = apiHandler(getAccountRequest, body, { auditTrail: () => store });
      await expect(handler(request, context('billing-office'))).resolves.toEqual({ ok: true });
    } finally {
      if (previous === undefined) delete process.env.API_CONSUMERS;
      else process.env.API_CONSUMERS = previous;
    }
    expect(written).toHaveLength(1);
    expect(written[0]).toHaveLength(2);
    expect(written[0]![0]).toMatchObject({
      patientId: 'PAT-1',
      record: 'account',
      fields: ['balances'],
      caller: 'billing-office',
      onBehalfOf: 'clerk-1',
      purposeOfUse: 'payment',
      api: 'GetAccount',
      requestId: 'req-9',
    });
  });

  it('does not answer when the audit trail cannot be written', async () => {
    const { store } = trail(true);
    const previous = process.env.API_CONSUMERS;
    process.env.API_CONSUMERS = consumers;
    try {
      const handler = apiHandler(getAccountRequest, body, { auditTrail: () => store });
      await expect(handler(request, context('billing-office'))).rejects.toMatchObject({ name: 'TransientDependencyError' });
    } finally {
      if (previous === undefined) delete process.env.API_CONSUMERS;
      else process.env.API_CONSUMERS = previous;
    }
  });
});
