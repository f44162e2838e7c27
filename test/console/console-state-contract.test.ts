/**
 * The console's durable state keeps one contract: the same cases run against the in-memory stores and
 * the DynamoDB ones (DynamoDB Local through the real SDK, the console's own table). An ops engineer
 * finds a claim by id, sees where claims sit and why they failed; as executions move, the counts move
 * with them; saved views and the audit survive the process.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleTable } from '#functions/console/console-table.ts';
import { dynamoConsoleStores, memoryConsoleStores, type ConsoleStores } from '#functions/console/console-stores.ts';
import { executionStatuses, type IndexedExecution } from '#functions/console/execution-index.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-01T00:00:00Z');
const lifecycle = (
  claimId: string,
  state: string | undefined,
  ageDays: number,
  extra: Partial<IndexedExecution> = {},
): IndexedExecution => ({
  executionArn: `arn:aws:states:us-east-1:000000000000:execution:ClaimLifecycle:life-${claimId}`,
  name: `life-${claimId}`,
  workflow: 'ClaimLifecycle',
  status: 'RUNNING',
  startedAt: NOW - ageDays * DAY - Number(claimId.replace(/\D/g, '') || 0),
  ...(state ? { currentState: state, stateEnteredAt: NOW - DAY } : {}),
  claimId,
  ...extra,
});
const intake = (id: string, status: IndexedExecution['status'], extra: Partial<IndexedExecution> = {}): IndexedExecution => ({
  executionArn: `arn:aws:states:us-east-1:000000000000:execution:PayerFileIntake:${id}`,
  name: id,
  workflow: 'PayerFileIntake',
  status,
  startedAt: NOW - 3 * DAY - id.length,
  currentState: 'Inspect',
  ...extra,
});

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable(consoleTable);
});
afterAll(async () => table?.drop());

/** A fresh pair of stores for each case: memory, or DynamoDB under a table of its own rows (a fresh table). */
const implementations: [string, () => Promise<ConsoleStores>][] = [
  ['memory', async () => memoryConsoleStores()],
  [
    'DynamoDB',
    async () => {
      const fresh = await createTestTable(consoleTable);
      dropLater.push(fresh);
      return dynamoConsoleStores(fresh.client, fresh.tableName, async () => NOW);
    },
  ],
];
const dropLater: TestTable[] = [];
afterAll(async () => {
  await Promise.all(dropLater.map((t) => t.drop()));
});

describe.each(implementations)('the console state in %s', (_, fresh) => {
  it('finds a claim by its id, counts where claims sit and groups failures by error and cause', async () => {
    const { executions } = await fresh();
    for (const e of [
      lifecycle('CLM-1', 'AwaitAdjudication', 40),
      lifecycle('CLM-2', 'AwaitAdjudication', 10),
      lifecycle('CLM-3', 'AwaitAppealApproval', 20),
      lifecycle('CLM-4', 'EligibilityFailed', 5, { status: 'FAILED', error: 'Eligibility.NotCovered', cause: 'coverage inactive' }),
      lifecycle('CLM-5', 'EligibilityFailed', 6, { status: 'FAILED', error: 'Eligibility.NotCovered', cause: 'coverage inactive' }),
      lifecycle('CLM-6', 'Submit', 2, { status: 'TIMED_OUT' }),
      intake('835-a', 'SUCCEEDED'),
      intake('835-b', 'FAILED', { error: 'Remittance.Unbalanced', cause: 'BPR02 differs from the claims' }),
      lifecycle('CLM-7', undefined, 1),
    ])
      await executions.upsert(e);

    expect((await executions.search({ text: 'clm-3' }, NOW)).executions.map((e) => e.name)).toEqual(['life-CLM-3']);
    expect((await executions.search({ text: 'life-CLM-3' }, NOW)).executions.map((e) => e.name)).toEqual(['life-CLM-3']);
    expect((await executions.search({ text: '835' }, NOW)).executions.map((e) => e.name)).toEqual(['835-a', '835-b']);
    expect(await executions.countsByState({ workflow: 'ClaimLifecycle', status: 'RUNNING' }, NOW)).toEqual({
      AwaitAdjudication: 2,
      AwaitAppealApproval: 1,
    });
    expect(await executions.countsByState({ workflow: 'ClaimLifecycle', minAgeDays: 15 }, NOW)).toEqual({
      AwaitAdjudication: 1,
      AwaitAppealApproval: 1,
    });
    expect((await executions.search({ state: 'AwaitAdjudication', minAgeDays: 30 }, NOW)).executions.map((e) => e.claimId)).toEqual([
      'CLM-1',
    ]);
    expect((await executions.search({ workflow: 'ClaimLifecycle', maxAgeDays: 10 }, NOW)).executions.map((e) => e.claimId)).toEqual([
      'CLM-7',
      'CLM-6',
      'CLM-4',
      'CLM-5',
    ]);
    expect(await executions.failureGroups({}, NOW)).toEqual([
      { error: 'Eligibility.NotCovered', cause: 'coverage inactive', count: 2, workflows: ['ClaimLifecycle'] },
      { error: 'Remittance.Unbalanced', cause: 'BPR02 differs from the claims', count: 1, workflows: ['PayerFileIntake'] },
      { error: 'TIMED_OUT', cause: '', count: 1, workflows: ['ClaimLifecycle'] },
    ]);
    expect(await executions.failureGroups({ workflow: 'ClaimLifecycle', maxAgeDays: 5.5 }, NOW)).toEqual([
      { error: 'Eligibility.NotCovered', cause: 'coverage inactive', count: 1, workflows: ['ClaimLifecycle'] },
      { error: 'TIMED_OUT', cause: '', count: 1, workflows: ['ClaimLifecycle'] },
    ]);
    const oneClick = await executions.search({ error: 'Eligibility.NotCovered', limit: 1 }, NOW);
    expect(oneClick.total).toBe(2);
    expect(oneClick.executions.map((e) => e.claimId)).toEqual(['CLM-4']);
    expect(await executions.workflows()).toEqual(['ClaimLifecycle', 'PayerFileIntake']);
    expect(await executions.count()).toBe(9);
  });

  it('moves the counts with an execution from state to state, once however often it is reported', async () => {
    const { executions } = await fresh();
    const claim = (state: string, extra: Partial<IndexedExecution> = {}) => lifecycle('CLM-10', state, 3, extra);
    await executions.upsert(lifecycle('CLM-11', 'Submit', 3));
    for (const step of [claim('Scrub'), claim('Submit'), claim('Submit'), claim('AwaitAcknowledgement')]) await executions.upsert(step);
    expect(await executions.countsByState({ workflow: 'ClaimLifecycle' }, NOW)).toEqual({ Submit: 1, AwaitAcknowledgement: 1 });

    await executions.upsert(claim('Rejected', { status: 'FAILED', error: 'Claim.Rejected', cause: 'AK5 R' }));
    expect(await executions.countsByState({ workflow: 'ClaimLifecycle', status: 'RUNNING' }, NOW)).toEqual({ Submit: 1 });
    expect(await executions.failureGroups({ workflow: 'ClaimLifecycle' }, NOW)).toEqual([
      { error: 'Claim.Rejected', cause: 'AK5 R', count: 1, workflows: ['ClaimLifecycle'] },
    ]);
    // Redriven, it runs again: the failure no longer counts.
    await executions.upsert(claim('Submit'));
    expect(await executions.failureGroups({}, NOW)).toEqual([]);
    expect(await executions.countsByState({}, NOW)).toEqual({ Submit: 2 });
    expect((await executions.get(claim('Submit').executionArn))?.currentState).toBe('Submit');
    expect(await executions.count()).toBe(2);
  });

  it('keeps every field of an execution as reported, including fields it does not index', async () => {
    const { executions } = await fresh();
    const reported = { ...lifecycle('CLM-20', 'Submit', 1), payerId: 'PAYER-1', observedAt: NOW } as IndexedExecution;
    await executions.upsert(reported);
    expect(await executions.get(reported.executionArn)).toEqual(reported);
    expect(await executions.get(`${reported.executionArn}-unknown`)).toBeUndefined();
  });

  it('keeps saved views by id, listed by name', async () => {
    const { views } = await fresh();
    const denied = await views.save({
      name: 'Denied this week',
      query: { status: 'FAILED', maxAgeDays: 7 },
      createdBy: 'ana',
      createdAt: '2026-03-01T00:00:00.000Z',
    });
    await views.save({
      name: 'Appeals waiting',
      query: { state: 'AwaitAppealApproval' },
      createdBy: 'ben',
      createdAt: '2026-03-01T00:00:01.000Z',
    });
    expect(denied.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await views.get(denied.id)).toEqual(denied);
    expect(await views.get(randomUUID())).toBeUndefined();
    expect((await views.list()).map((v) => v.name)).toEqual(['Appeals waiting', 'Denied this week']);
  });

  it('appends audit entries and lists them newest first, whole', async () => {
    const { audit } = await fresh();
    const entries = [
      {
        at: '2026-01-30T10:00:00.000Z',
        user: 'ana',
        action: 'reveal-execution-data' as const,
        target: 'arn:1',
        reason: 'checking a denial',
      },
      {
        at: '2026-02-27T09:00:00.000Z',
        user: 'ben',
        action: 'bulk-resolve' as const,
        target: 'denials',
        reason: 'small balances',
        count: 12,
      },
      { at: '2026-02-28T09:00:00.000Z', user: 'ana', action: 'reveal-execution-data' as const, target: 'arn:2', reason: 'payer called' },
    ];
    for (const entry of entries) await audit.record(entry);
    expect(await audit.list()).toEqual([...entries].reverse());
  });
});

describe('the DynamoDB execution index', () => {
  it('answers every query as the memory index does, whatever executions were reported in whatever order', async () => {
    const report = fc.record({
      claim: fc.integer({ min: 1, max: 12 }),
      workflow: fc.constantFrom('ClaimLifecycle', 'AppealPacket'),
      state: fc.option(fc.constantFrom('Scrub', 'Submit', 'AwaitAdjudication', 'WorkDenial'), { nil: undefined }),
      status: fc.constantFrom(...executionStatuses),
      error: fc.constantFrom(undefined, 'Claim.Rejected', 'States.Timeout'),
      ageDays: fc.integer({ min: 0, max: 60 }),
      payer: fc.constantFrom(undefined, 'PAYER-A', 'PAYER-B'),
    });
    const query = fc.record(
      {
        text: fc.constantFrom('clm-1', 'life-CLM-', 'CLM-12', 'x'),
        workflow: fc.constantFrom('ClaimLifecycle', 'AppealPacket'),
        status: fc.constantFrom(...executionStatuses),
        state: fc.constantFrom('Submit', 'WorkDenial'),
        error: fc.constantFrom('Claim.Rejected'),
        payerId: fc.constantFrom('PAYER-A', 'PAYER-B'),
        minAgeDays: fc.integer({ min: 0, max: 40 }),
        maxAgeDays: fc.integer({ min: 10, max: 60 }),
        limit: fc.integer({ min: 1, max: 5 }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(report, { maxLength: 25 }), fc.array(query, { minLength: 1, maxLength: 4 }), async (reports, queries) => {
        const memory = memoryConsoleStores().executions;
        const dynamo = dynamoConsoleStores(table.client, table.tableName).executions;
        const run = randomUUID().slice(0, 8);
        for (const r of reports) {
          // Each run has its own workflows in the shared table: the run's id names them.
          const workflow = `${r.workflow}-${run}`;
          const e: IndexedExecution = {
            executionArn: `arn:aws:states:us-east-1:000000000000:execution:${workflow}:life-CLM-${r.claim}`,
            name: `life-CLM-${r.claim}`,
            workflow,
            status: r.status,
            startedAt: NOW - r.ageDays * DAY - r.claim,
            claimId: `CLM-${r.claim}`,
            ...(r.payer ? { payerId: r.payer } : {}),
            ...(r.state ? { currentState: r.state } : {}),
            ...(r.error && r.status !== 'RUNNING' && r.status !== 'SUCCEEDED' ? { error: r.error, cause: 'field claimId' } : {}),
          };
          await memory.upsert(e);
          await dynamo.upsert(e);
        }
        for (const raw of queries) {
          const q = { ...raw, workflow: `${raw.workflow ?? 'ClaimLifecycle'}-${run}` };
          expect(await dynamo.search(q, NOW)).toEqual(await memory.search(q, NOW));
          expect(await dynamo.countsByState(q, NOW)).toEqual(await memory.countsByState(q, NOW));
          expect(await dynamo.countsByPayer(q, NOW)).toEqual(await memory.countsByPayer(q, NOW));
          expect(await dynamo.failureGroups(q, NOW)).toEqual(await memory.failureGroups(q, NOW));
        }
      }),
      { numRuns: 25 },
    );
  });

  it("counts one payer's claims, not every payer's, when the query names a payer", async () => {
    const memory = memoryConsoleStores().executions;
    const dynamo = dynamoConsoleStores(table.client, table.tableName).executions;
    const workflow = `Payers-${randomUUID().slice(0, 8)}`;
    const reports = [
      { ...lifecycle('CLM-41', 'Submit', 1, { payerId: 'PAYER-A' }), workflow },
      { ...lifecycle('CLM-42', 'Submit', 1, { payerId: 'PAYER-B' }), workflow },
      {
        ...lifecycle('CLM-43', 'WorkDenial', 1, { payerId: 'PAYER-B', status: 'FAILED', error: 'Claim.Rejected', cause: 'field claimId' }),
        workflow,
      },
    ];
    for (const e of reports) {
      await memory.upsert(e);
      await dynamo.upsert(e);
    }
    const q = { workflow, payerId: 'PAYER-A' };
    expect(await dynamo.countsByState(q, NOW)).toEqual({ Submit: 1 });
    expect(await dynamo.countsByState(q, NOW)).toEqual(await memory.countsByState(q, NOW));
    expect(await dynamo.failureGroups(q, NOW)).toEqual([]);
    expect(await dynamo.failureGroups(q, NOW)).toEqual(await memory.failureGroups(q, NOW));
  });

  it('keeps the counts right when the status event and the refresher report one execution at once', async () => {
    const { executions } = dynamoConsoleStores(table.client, table.tableName);
    const workflow = `Race-${randomUUID().slice(0, 8)}`;
    const base = {
      ...lifecycle('CLM-30', 'Scrub', 1),
      workflow,
      executionArn: `arn:aws:states:us-east-1:000000000000:execution:${workflow}:life-CLM-30`,
    };
    const states = ['Scrub', 'Submit', 'AwaitAcknowledgement', 'AwaitAdjudication', 'WorkDenial', 'Submit'];
    await Promise.all(states.map((currentState) => executions.upsert({ ...base, currentState })));
    const counts = await executions.countsByState({ workflow }, NOW);
    expect(Object.values(counts)).toEqual([1]);
    expect(counts[(await executions.get(base.executionArn))!.currentState!]).toBe(1);
  });
});
