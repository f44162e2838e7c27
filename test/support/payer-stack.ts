/** The local stack with SDK clients and the store, seeded with the exchange fixtures' hospital, doctor and payer. */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { createStore, documentClient, type Store } from '#functions/store/index.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { Patient } from '#schemas/patient.ts';
import { SimulatedClock } from '#infra/local/clock.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { COMMERCIAL, doctor, hospital, newDoctor } from '#test/payers/exchange/fixtures.ts';

export interface PayerStack {
  stack: LocalStack;
  sfn: SFNClient;
  lambda: LambdaClient;
  store: Store;
}

/** Starts the stack on a frozen simulated clock and stores the providers, the payer profile and these people. */
export async function startPayerStack(
  people: readonly (readonly [Patient, Coverage])[],
  start = '2026-01-20T09:00:00Z',
): Promise<PayerStack> {
  const stack = await startLocalStack({ clock: new SimulatedClock({ start: Date.parse(start) }) });
  const config = { region: stack.region, credentials: localCredentials };
  const store = createStore(documentClient(stack.dynamodb), stack.tableName);
  await store.reference.putProvider(hospital);
  await store.reference.putProvider(doctor);
  await store.reference.putProvider(newDoctor);
  await store.reference.putPayerProfile(COMMERCIAL);
  await store.bulk.load({ patients: people.map(([p]) => p), coverages: people.map(([, c]) => c) });
  return {
    stack,
    store,
    sfn: new SFNClient({ ...config, endpoint: stack.endpoints.stepFunctions }),
    lambda: new LambdaClient({ ...config, endpoint: stack.endpoints.lambda }),
  };
}
