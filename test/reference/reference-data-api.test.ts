/**
 * The billing office keeps its reference data through the Lambda APIs, on the local stack with the SDK
 * client: it puts the hospital, a physician and a payer's profile on file, sends the same again (nothing
 * changes), corrects a taxonomy code (the answer names the field), reads them back, and is told which
 * field is wrong. Reference data names no patient: nothing reaches the PHI access audit trail.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, ApiCallError, type ApiClient } from '#functions/api/client.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { COMMERCIAL, doctor, hospital } from '#test/payers/exchange/fixtures.ts';

let stack: LocalStack;
let office: ApiClient;
let registration: ApiClient;
const asOffice = { purposeOfUse: 'operations', onBehalfOf: 'billing-manager-1' } as const;

beforeAll(async () => {
  stack = await startLocalStack({});
  const lambda = new LambdaClient({ region: stack.region, credentials: localCredentials, endpoint: stack.endpoints.lambda });
  office = apiClient({ lambda, qualifier: 'billing-office' });
  registration = apiClient({ lambda, qualifier: 'registration' });
}, 120_000);
afterAll(async () => stack?.stop());

/** The error an API answered with. */
async function refusal(promise: Promise<unknown>): Promise<ApiCallError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiCallError)) throw new Error(`expected an ApiCallError, got ${String(error)}`);
  return error;
}

describe('the billing office keeps its reference data', () => {
  it('puts the hospital, a physician and a payer profile on file; the same requests again change nothing', async () => {
    expect(await office.call('RegisterProvider', { ...asOffice, provider: hospital })).toEqual({
      providerId: hospital.providerId,
      status: 'created',
      changed: [],
    });
    await office.call('RegisterProvider', { ...asOffice, provider: doctor });
    expect(await office.call('RegisterPayerProfile', { ...asOffice, payerProfile: COMMERCIAL })).toEqual({
      payerId: COMMERCIAL.payerId,
      status: 'created',
      changed: [],
    });
    expect(await office.call('RegisterProvider', { ...asOffice, provider: hospital })).toMatchObject({ status: 'unchanged', changed: [] });
    expect(await office.call('RegisterPayerProfile', { ...asOffice, payerProfile: COMMERCIAL })).toMatchObject({ status: 'unchanged' });
  });

  it('corrects a taxonomy code and a filing limit: the answer names the fields, and the store holds the new values', async () => {
    const corrected = { ...doctor, taxonomyCode: '207R00000X' };
    expect(await office.call('RegisterProvider', { ...asOffice, provider: corrected })).toEqual({
      providerId: doctor.providerId,
      status: 'updated',
      changed: ['taxonomyCode'],
    });
    const longer = { ...COMMERCIAL, timelyFilingDays: COMMERCIAL.timelyFilingDays + 30 };
    expect(await office.call('RegisterPayerProfile', { ...asOffice, payerProfile: longer })).toMatchObject({
      status: 'updated',
      changed: ['timelyFilingDays'],
    });
    expect(await office.call('GetProvider', { ...asOffice, providerId: doctor.providerId })).toEqual({ provider: corrected });
    expect(await office.call('GetPayerProfile', { ...asOffice, payerId: COMMERCIAL.payerId })).toEqual({ payerProfile: longer });
  });

  it('is told which field is wrong, and a missing record is named by its field, never its value', async () => {
    const unnamed = await refusal(
      office.call('RegisterProvider', {
        ...asOffice,
        provider: { ...hospital, providerId: 'PRV-NONAME', organizationName: undefined } as typeof hospital,
      }),
    );
    expect(unnamed.errorType).toBe('InputValidationError');
    expect(unnamed.issues?.map((i) => i.path)).toEqual(['provider.organizationName']);

    const badLevels = await refusal(
      office.call('RegisterPayerProfile', {
        ...asOffice,
        payerProfile: { ...COMMERCIAL, payerId: 'PAYER-LEVELS', appealLevels: [{ level: 2, name: 'second', deadlineDays: 60 }] },
      }),
    );
    expect(badLevels.issues?.map((i) => i.path)).toEqual(['payerProfile.appealLevels.0.level']);

    const badNpi = await refusal(office.call('RegisterProvider', { ...asOffice, provider: { ...hospital, npi: '12345' } }));
    expect(badNpi.issues?.map((i) => i.path)).toEqual(['provider.npi']);

    const missing = await refusal(office.call('GetProvider', { ...asOffice, providerId: 'PRV-NOBODY-4411' }));
    expect(missing.errorType).toBe('RecordNotFoundError');
    expect(missing.message).toBe('provider named by providerId was not found');
    const noProfile = await refusal(office.call('GetPayerProfile', { ...asOffice, payerId: 'PAYER-NOBODY-4411' }));
    expect(noProfile.message).not.toContain('4411');
  });

  it('is the billing office’s to keep: registration has no alias to call it through, and may not read it for treatment', async () => {
    // As in AWS: the function has no `registration` alias, so Lambda itself answers 404.
    await expect(registration.call('RegisterProvider', { purposeOfUse: 'payment', provider: hospital })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    const wrongPurpose = await refusal(office.call('GetProvider', { purposeOfUse: 'treatment', providerId: hospital.providerId }));
    expect(wrongPurpose.errorType).toBe('CallerNotAuthorizedError');
  });

  it('leaves the PHI access audit trail empty: reference data names no patient', async () => {
    const scan = await stack.dynamodb.send(new ScanCommand({ TableName: 'patient-accounts-audit', Select: 'COUNT' }));
    expect(scan.Count).toBe(0);
  });
});
