import { InvokeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';

let env: PayerStack;
beforeAll(async () => {
  env = await startPayerStack([]);
}, 120_000);
afterAll(async () => {
  await env?.stack.stop();
});

interface ErrorResponse {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/** Invokes a function through the local Lambda endpoint with the SDK, as another service would; the error document it answers. */
async function failed(functionName: string, payload: unknown): Promise<ErrorResponse> {
  const out = await env.lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(JSON.stringify(payload)) }));
  expect(out.FunctionError).toBe('Unhandled');
  return JSON.parse(Buffer.from(out.Payload!).toString('utf8')) as ErrorResponse;
}

const stackFrame = /^\s*at\s/;

describe('error responses of the Lambda functions', () => {
  it('list every problem of a bad eligibility request by field, with no stack frames', async () => {
    const error = await failed('CheckEligibility', { patientId: 'P-1', coverageId: 7, serviceTypeCodes: ['not a code'] });
    expect(error.errorType).toBe('InputValidationError');
    for (const field of ['coverageId', 'providerId', 'serviceTypeCodes.0']) expect(error.errorMessage).toContain(`${field}:`);
    expect(error.errorMessage).not.toContain('(root)');
    expect((error.trace ?? []).filter((line) => stackFrame.test(line))).toEqual([]);
  });

  it('say which record was not found by its field, never echoing the id the caller sent', async () => {
    const error = await failed('CheckClaimStatus', { claimId: 'JANE.DOE.19700102' });
    expect(error).toMatchObject({ errorType: 'RecordNotFoundError', errorMessage: 'claim named by claimId was not found' });
    expect(JSON.stringify(error)).not.toContain('JANE');
    expect((error.trace ?? []).filter((line) => stackFrame.test(line))).toEqual([]);
  });
});
