import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitWorkItem, listWorkItems, openWorkItem, resolveWorkItem, type WorkDecision } from '#functions/queues/work-items.ts';
import { createStore, documentClient, type Store } from '#functions/store/index.ts';
import type { OpenWorkItemRequest } from '#schemas/work-item.ts';
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

const NOW = new Date('2026-11-02T10:00:00Z');

function denial(id: string, over: Partial<OpenWorkItemRequest> = {}): OpenWorkItemRequest {
  return {
    workItemId: id,
    queue: 'denials',
    kind: 'appealable',
    claimId: `CLM-${id}`,
    payerId: 'PAYER1',
    amountCents: 10_000,
    deadline: '2026-12-30',
    summary: 'CO-50 not medically necessary: appeal by 2026-12-30',
    details: { carc: ['CO-50'], category: 'appealable' },
    actions: ['appeal', 'write-off'],
    raisedBy: 'PostRemittance',
    ...over,
  };
}

function resumes(): { resume: (token: string, d: WorkDecision) => Promise<void>; calls: [string, WorkDecision][] } {
  const calls: [string, WorkDecision][] = [];
  return { calls, resume: async (token, decision) => void calls.push([token, decision]) };
}

describe('the denials queue as a biller works it', () => {
  it('lists open denials by deadline, then the largest amount first, and pages through them', async () => {
    const q = 'appeals' as const;
    await openWorkItem(store, denial('A-LATE', { queue: q, deadline: '2027-01-15', amountCents: 900_000 }), NOW);
    await openWorkItem(store, denial('A-SMALL', { queue: q, deadline: '2026-12-01', amountCents: 2_500 }), NOW);
    await openWorkItem(store, denial('A-BIG', { queue: q, deadline: '2026-12-01', amountCents: 125_000 }), NOW);
    await openWorkItem(store, denial('A-NODATE', { queue: q, amountCents: 5_000_000, deadline: undefined }), NOW);
    const first = await listWorkItems(store, { queue: q, limit: 2 });
    expect(first.items.map((i) => i.workItemId)).toEqual(['A-BIG', 'A-SMALL']);
    const rest = await listWorkItems(store, { queue: q, limit: 2, nextToken: first.nextToken! });
    expect(rest.items.map((i) => i.workItemId)).toEqual(['A-LATE', 'A-NODATE']);
    const dueSoon = await listWorkItems(store, { queue: q, dueBy: '2026-12-31' });
    expect(dueSoon.items.map((i) => i.workItemId)).toEqual(['A-BIG', 'A-SMALL']);
  });

  it('refuses a page token it did not hand out, or one of another queue, naming the field', async () => {
    await openWorkItem(store, denial('T-1', { queue: 'rejections' }), NOW);
    await openWorkItem(store, denial('T-2', { queue: 'rejections' }), NOW);
    const appeals = await listWorkItems(store, { queue: 'rejections', limit: 1 });
    expect(appeals.nextToken).toBeDefined();
    for (const nextToken of ['not-a-token', Buffer.from('{"pk":"X"}').toString('base64url'), appeals.nextToken!]) {
      await expect(listWorkItems(store, { queue: 'denials', nextToken })).rejects.toMatchObject({
        name: 'InputValidationError',
        message: expect.stringContaining('nextToken'),
      });
    }
  });

  it('raises an item once however often the same denial is reported', async () => {
    const a = await openWorkItem(store, denial('D-ONCE'), NOW);
    const b = await openWorkItem(store, denial('D-ONCE', { amountCents: 1 }), new Date('2026-11-03T00:00:00Z'));
    expect(a.status).toBe('opened');
    expect(b).toMatchObject({ status: 'already-open', item: { amountCents: 10_000, createdAt: NOW.toISOString() } });
  });

  it('resumes the waiting workflow with the decision, exactly once, and moves the item to the resolved list', async () => {
    await openWorkItem(store, denial('D-WAIT'), NOW);
    const { resume, calls } = resumes();
    expect(await awaitWorkItem(store, resume, { claimId: 'CLM-D-WAIT', queue: 'denials', taskToken: 'tok-1' })).toEqual({
      workItemId: 'D-WAIT',
      resumedNow: false,
    });
    expect((await store.workItems.get('D-WAIT'))?.awaited).toBe(true);
    const decided = await resolveWorkItem(
      store,
      resume,
      {
        workItemId: 'D-WAIT',
        action: 'write-off',
        reason: 'below the small-balance threshold',
        decidedBy: 'biller-7',
        payload: { reasonCode: 'SMALL' },
      },
      NOW,
    );
    expect(decided).toMatchObject({ status: 'resolved', resumedWorkflow: true, item: { status: 'resolved', awaited: false } });
    expect(calls).toEqual([
      ['tok-1', { workItemId: 'D-WAIT', action: 'write-off', decidedBy: 'biller-7', payload: { reasonCode: 'SMALL' } }],
    ]);
    const again = await resolveWorkItem(
      store,
      resume,
      { workItemId: 'D-WAIT', action: 'appeal', reason: 'second thoughts', decidedBy: 'biller-8' },
      NOW,
    );
    expect(again).toMatchObject({ status: 'already-resolved', resumedWorkflow: false, item: { resolution: { action: 'write-off' } } });
    expect(calls).toHaveLength(1);
    const open = await listWorkItems(store, { queue: 'denials' });
    expect(open.items.map((i) => i.workItemId)).not.toContain('D-WAIT');
    const resolved = await listWorkItems(store, { queue: 'denials', status: 'resolved' });
    expect(resolved.items.map((i) => i.workItemId)).toContain('D-WAIT');
  });

  it('resumes at once a workflow that arrives after the person already decided', async () => {
    await openWorkItem(store, denial('D-EARLY'), NOW);
    const { resume, calls } = resumes();
    await resolveWorkItem(
      store,
      resume,
      { workItemId: 'D-EARLY', action: 'appeal', reason: 'records support necessity', decidedBy: 'biller-7' },
      NOW,
    );
    expect(calls).toEqual([]);
    expect(await awaitWorkItem(store, resume, { claimId: 'CLM-D-EARLY', queue: 'denials', taskToken: 'tok-2' })).toEqual({
      workItemId: 'D-EARLY',
      resumedNow: true,
    });
    expect(calls.map(([t, d]) => [t, d.action])).toEqual([['tok-2', 'appeal']]);
  });

  it("waits on the claim's newer item, never on an older decision, as a claim gathers denials and appeal levels", async () => {
    // Ids chosen so that the older item sorts first in the index: the order of ids must not decide.
    const claimId = 'CLM-LIFE';
    await openWorkItem(store, denial('A-FIRST', { claimId }), NOW);
    const { resume, calls } = resumes();
    const decide = (workItemId: string, action: 'appeal' | 'write-off', at: Date) =>
      resolveWorkItem(store, resume, { workItemId, action, reason: 'decided by the team', decidedBy: 'biller-3' }, at);
    await decide('A-FIRST', 'appeal', NOW);
    // The appeal was upheld: a second denial item for the same claim.
    await openWorkItem(store, denial('Z-UPHELD', { claimId, kind: 'appeal-upheld' }), new Date('2026-12-01T00:00:00Z'));
    expect(await awaitWorkItem(store, resume, { claimId, queue: 'denials', taskToken: 'tok-open' })).toEqual({
      workItemId: 'Z-UPHELD',
      resumedNow: false,
    });
    await decide('Z-UPHELD', 'write-off', new Date('2026-12-02T00:00:00Z'));
    expect(calls.map(([t, d]) => [t, d.workItemId, d.action])).toEqual([['tok-open', 'Z-UPHELD', 'write-off']]);
    // A retried wait after both were decided gets the later decision, not the first.
    expect(await awaitWorkItem(store, resume, { claimId, queue: 'denials', taskToken: 'tok-late' })).toEqual({
      workItemId: 'Z-UPHELD',
      resumedNow: true,
    });
    expect(calls.at(-1)?.[1]).toMatchObject({ workItemId: 'Z-UPHELD', action: 'write-off' });
  });

  it('refuses an action the item does not offer, naming the field, and leaves the item open', async () => {
    await openWorkItem(store, denial('D-BAD'), NOW);
    const { resume } = resumes();
    await expect(
      resolveWorkItem(store, resume, { workItemId: 'D-BAD', action: 'approve', reason: 'looks fine', decidedBy: 'biller-7' }, NOW),
    ).rejects.toMatchObject({
      name: 'InputValidationError',
      message: expect.stringContaining('action: must be one of appeal, write-off'),
    });
    expect((await store.workItems.get('D-BAD'))?.status).toBe('open');
  });

  it('decides each item once when a workflow attaches and people decide concurrently (property)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.boolean(), async (deciders, attachFirst) => {
        const id = `D-RACE-${n++}`;
        await openWorkItem(store, denial(id), NOW);
        const { resume, calls } = resumes();
        const attach = () => awaitWorkItem(store, resume, { claimId: `CLM-${id}`, queue: 'denials', taskToken: `tok-${id}` });
        const decide = (i: number) =>
          resolveWorkItem(
            store,
            resume,
            { workItemId: id, action: i % 2 ? 'appeal' : 'write-off', reason: 'decided', decidedBy: `p${i}` },
            NOW,
          );
        if (attachFirst) await attach();
        const outcomes = await Promise.all([...Array.from({ length: deciders }, (_, i) => decide(i)), ...(attachFirst ? [] : [attach()])]);
        const winners = outcomes.filter((o) => 'status' in o && o.status === 'resolved');
        expect(winners).toHaveLength(1);
        // The workflow is resumed exactly once, with the winning decision.
        expect(calls).toHaveLength(1);
        expect(calls[0]?.[1].action).toBe((await store.workItems.get(id))?.resolution?.action);
      }),
      { numRuns: 12 },
    );
  });
});
