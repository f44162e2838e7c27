import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumeIfWaiting, waitForClaim, type Resume } from '#functions/task-tokens/claim-waits.ts';
import { createStore, documentClient, waitsEndedBy, type Store } from '#functions/store/index.ts';
import { professionalClaim } from '#test/fixtures/accounts/builders.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';

let table: TestTable;
let store: Store;
beforeAll(async () => {
  table = await createTestTable();
  store = createStore(documentClient(table.client), table.tableName);
});
afterAll(async () => {
  await table.drop();
});

function recorder(): { resume: Resume; calls: { taskToken: string; status: string }[] } {
  const calls: { taskToken: string; status: string }[] = [];
  return {
    calls,
    resume: async (taskToken, output) => {
      calls.push({ taskToken, status: output.status });
    },
  };
}

describe('a workflow waiting on a claim', () => {
  it('is resumed at once when the awaited acknowledgement came before the wait was registered', async () => {
    await store.claims.create(professionalClaim({ claimId: 'CLM-W1', status: 'accepted' }), '2026-03-03T08:00:00Z');
    const { resume, calls } = recorder();
    const result = await waitForClaim(store, resume, {
      claimId: 'CLM-W1',
      waitingFor: 'acknowledgement',
      taskToken: 'token-1',
      now: '2026-03-03T09:00:00Z',
    });
    expect(result).toMatchObject({ status: 'accepted', resumedNow: true });
    expect(calls).toEqual([{ taskToken: 'token-1', status: 'accepted' }]);
    // Taken once: whoever records the event next finds nobody waiting.
    expect(await resumeIfWaiting(store, resume, 'CLM-W1', 'paid')).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('waiting for the adjudication is not ended by an acknowledgement, and is ended exactly once by the remittance', async () => {
    await store.claims.create(professionalClaim({ claimId: 'CLM-W2', status: 'submitted' }), '2026-03-03T08:00:00Z');
    const { resume, calls } = recorder();
    expect(
      await waitForClaim(store, resume, {
        claimId: 'CLM-W2',
        waitingFor: 'adjudication',
        taskToken: 'token-2',
        now: '2026-03-03T09:00:00Z',
      }),
    ).toMatchObject({ resumedNow: false });
    expect(await resumeIfWaiting(store, resume, 'CLM-W2', 'accepted')).toBe(false);
    const both = await Promise.all([resumeIfWaiting(store, resume, 'CLM-W2', 'paid'), resumeIfWaiting(store, resume, 'CLM-W2', 'paid')]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(calls).toEqual([{ taskToken: 'token-2', status: 'paid' }]);
  });

  it('knows which statuses end which waits', () => {
    expect(waitsEndedBy('submitted')).toEqual([]);
    expect(waitsEndedBy('accepted')).toEqual(['acknowledgement']);
    expect(waitsEndedBy('denied')).toEqual(['acknowledgement', 'adjudication']);
  });
});
