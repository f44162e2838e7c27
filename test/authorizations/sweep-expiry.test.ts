/**
 * The daily sweep expires an authorization past its end without losing what happened to it after the
 * sweep listed it (DynamoDB Local): a claim billed against it meanwhile keeps its units.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepAuthorizations } from '#functions/authorizations/sweep.ts';
import { createStore, documentClient, type Store } from '#functions/store/index.ts';
import type { Authorization } from '#schemas/authorization.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';

let table: TestTable;
let store: Store;
beforeAll(async () => {
  table = await createTestTable();
  store = createStore(documentClient(table.client), table.tableName);
});
afterAll(async () => table.drop());

const ended: Authorization = {
  authorizationId: 'PA-ENDED',
  patientId: 'PAT-SWEEP',
  payerId: 'PAYER-ACME',
  authorizationNumber: 'AUTH445566',
  status: 'approved',
  procedureCodes: ['97110'],
  validFrom: '2026-01-01',
  validThrough: '2026-03-31',
  approvedUnits: 10,
  billedUnits: { 'CLM-EARLY': 4 },
};

describe('the daily authorization sweep', () => {
  it('expires an authorization past its end, keeping the units a claim charged after the sweep listed it', async () => {
    await store.authorizations.put(ended);
    // A claim is billed against it between the sweep's listing and its write.
    const racing: Store = {
      ...store,
      authorizations: {
        ...store.authorizations,
        listLiveEndingBy: async (date) => {
          const listed = await store.authorizations.listLiveEndingBy(date);
          await store.authorizations.recordBilledUnits('PAT-SWEEP', 'PA-ENDED', 'CLM-LATE', 2);
          return listed;
        },
      },
    };
    const result = await sweepAuthorizations({ store: racing, now: () => new Date('2026-04-02T02:00:00Z') });
    expect(result).toMatchObject({ examined: 1, expired: 1 });
    const after = await store.authorizations.get('PAT-SWEEP', 'PA-ENDED');
    expect(after).toMatchObject({ status: 'expired', billedUnits: { 'CLM-EARLY': 4, 'CLM-LATE': 2 } });
    expect(await store.authorizations.listLiveEndingBy('9999-12-31')).toEqual([]);
    // A second sweep finds nothing live to expire.
    expect(await sweepAuthorizations({ store, now: () => new Date('2026-04-03T02:00:00Z') })).toMatchObject({ examined: 0, expired: 0 });
  });
});
