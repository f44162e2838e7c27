/**
 * A function's declared `environment` reaches it on the local stack as in AWS: the eligibility reuse
 * window a function is given is the one it reads; two functions that disagree on a variable cannot share
 * the local stack's one process.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reuseWindowHours } from '#functions/eligibility/check-eligibility.ts';
import { patientAccountsTable } from '#functions/store/table-definition.ts';
import type { AppModel, FunctionSpec } from '#infra/app-model.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import { localFunctionEnvironment, localResolver, startLocalStack, type LocalStack } from '#infra/local/stack.ts';

const fn = (name: string, environment?: Record<string, string>): FunctionSpec => ({
  name,
  entry: 'test/fixtures/local-stack/unused.ts',
  description: name,
  timeoutSeconds: 30,
  memoryMb: 128,
  ...(environment ? { environment } : {}),
});
const model = (...functions: FunctionSpec[]): AppModel => ({
  table: patientAccountsTable,
  buckets: [],
  functions,
  stateMachines: [],
  triggers: [],
});

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({
    model: model(fn('ReuseWindow', { ELIGIBILITY_REUSE_HOURS: '6' })),
    // the function answers with the window the eligibility check would use, read from its environment
    handlers: { ReuseWindow: async () => ({ hours: reuseWindowHours() }) },
    sandboxPayer: false,
  });
});
afterAll(async () => stack?.stop());

describe('per-function settings on the local stack', () => {
  it('a function told ELIGIBILITY_REUSE_HOURS=6 reuses answers for 6 hours, not the default 24', async () => {
    const lambda = new LambdaClient({ region: stack.region, credentials: localCredentials, endpoint: stack.endpoints.lambda });
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'ReuseWindow', Payload: JSON.stringify({}) }));
    expect(JSON.parse(new TextDecoder().decode(out.Payload))).toEqual({ hours: 6 });
  });

  it('two functions declaring one variable with different values are refused; the same value is shared', () => {
    const resolver = localResolver((name) => `arn:local:${name}`);
    expect(() => localFunctionEnvironment(model(fn('A', { REUSE: '6' }), fn('B', { REUSE: '12' })), resolver)).toThrow(
      /functions A and B declare REUSE with different values/,
    );
    expect(localFunctionEnvironment(model(fn('A', { REUSE: '6' }), fn('B', { REUSE: '6' })), resolver)).toEqual({ REUSE: '6' });
  });
});
