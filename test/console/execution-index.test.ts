/**
 * The console's execution index: what an ops engineer asks of thousands of claim executions (where
 * they sit, which failed and why, one claim by id) answered from the index, and the counts always
 * adding up to the executions that match.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payerIdOfInput, stateFromHistory, workflowOf } from '#functions/console/execution-feed.ts';
import { claimIdOf, ExecutionIndex, executionStatuses, matches, type IndexedExecution } from '#functions/console/execution-index.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-01T00:00:00Z');
const lifecycle = (claimId: string, state: string, ageDays: number, extra: Partial<IndexedExecution> = {}): IndexedExecution => ({
  executionArn: `arn:aws:states:us-east-1:000000000000:execution:ClaimLifecycle:life-${claimId}`,
  name: `life-${claimId}`,
  workflow: 'ClaimLifecycle',
  status: 'RUNNING',
  startedAt: NOW - ageDays * DAY,
  currentState: state,
  stateEnteredAt: NOW - DAY,
  claimId,
  ...extra,
});

describe('the execution index', () => {
  const index = new ExecutionIndex();
  index.upsert(lifecycle('CLM-1', 'AwaitAdjudication', 40));
  index.upsert(lifecycle('CLM-2', 'AwaitAdjudication', 10));
  index.upsert(lifecycle('CLM-3', 'AwaitAppealApproval', 20));
  index.upsert(
    lifecycle('CLM-4', 'EligibilityFailed', 5, {
      status: 'FAILED',
      error: 'Eligibility.NotCovered',
      cause: 'coverage inactive on the date of service',
    }),
  );
  index.upsert(
    lifecycle('CLM-5', 'EligibilityFailed', 6, {
      status: 'FAILED',
      error: 'Eligibility.NotCovered',
      cause: 'coverage inactive on the date of service',
    }),
  );
  index.upsert(lifecycle('CLM-6', 'Submit', 2, { status: 'TIMED_OUT' }));

  it('finds one claim by its id, and counts where the claims sit', () => {
    expect(index.search({ text: 'CLM-3' }, NOW).executions.map((e) => e.name)).toEqual(['life-CLM-3']);
    expect(index.countsByState({ workflow: 'ClaimLifecycle', status: 'RUNNING' }, NOW)).toEqual({
      AwaitAdjudication: 2,
      AwaitAppealApproval: 1,
    });
  });

  it('narrows by state and age, newest first', () => {
    expect(index.search({ state: 'AwaitAdjudication', minAgeDays: 30 }, NOW).executions.map((e) => e.claimId)).toEqual(['CLM-1']);
    expect(index.search({ maxAgeDays: 10 }, NOW).executions.map((e) => e.claimId)).toEqual(['CLM-6', 'CLM-4', 'CLM-5', 'CLM-2']);
  });

  it('groups failures by error and cause, the largest group first, and one click gives the set', () => {
    expect(index.failureGroups({}, NOW)).toEqual([
      { error: 'Eligibility.NotCovered', cause: 'coverage inactive on the date of service', count: 2, workflows: ['ClaimLifecycle'] },
      { error: 'TIMED_OUT', cause: '', count: 1, workflows: ['ClaimLifecycle'] },
    ]);
    expect(index.search({ error: 'Eligibility.NotCovered' }, NOW).total).toBe(2);
  });

  it('reads the claim from a lifecycle execution name only', () => {
    expect(claimIdOf('life-CLM-9')).toBe('CLM-9');
    expect(claimIdOf('5999dfd3-0d3d-4f0c-b13d-706e39990967')).toBeUndefined();
  });

  it('counts per state always add up to the matching executions that have a state', () => {
    const execution = fc.record({
      claim: fc.integer({ min: 1, max: 50 }),
      state: fc.constantFrom('Scrub', 'Submit', 'AwaitAdjudication', 'WorkDenial'),
      status: fc.constantFrom(...executionStatuses),
      ageDays: fc.integer({ min: 0, max: 120 }),
    });
    fc.assert(
      fc.property(
        fc.array(execution, { maxLength: 60 }),
        fc.constantFrom(undefined, ...executionStatuses),
        fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
        (rows, status, minAgeDays) => {
          const idx = new ExecutionIndex();
          for (const r of rows) idx.upsert(lifecycle(`CLM-${r.claim}`, r.state, r.ageDays, { status: r.status }));
          const query = { ...(status ? { status } : {}), ...(minAgeDays !== undefined ? { minAgeDays } : {}) };
          const counted = Object.values(idx.countsByState(query, NOW)).reduce((a, b) => a + b, 0);
          expect(counted).toBe(idx.search({ ...query, limit: 1000 }, NOW).total);
          for (const e of idx.search({ ...query, limit: 1000 }, NOW).executions) expect(matches(e, query, NOW)).toBe(true);
        },
      ),
    );
  });
});

describe('the workflow a state machine runs', () => {
  it('is the model workflow locally and in AWS, where the state machine carries the stack name', () => {
    expect(workflowOf('arn:aws:states:us-east-1:000000000000:stateMachine:ClaimLifecycle')).toBe('ClaimLifecycle');
    expect(workflowOf('arn:aws:states:us-east-1:123456789012:stateMachine:PatientAccounts-sandbox-ClaimLifecycle')).toBe('ClaimLifecycle');
  });
});

describe('claims per payer', () => {
  const index = new ExecutionIndex();
  index.upsert(lifecycle('CLM-1', 'AwaitAdjudication', 40, { payerId: 'AETNA' }));
  index.upsert(lifecycle('CLM-2', 'AwaitAdjudication', 10, { payerId: 'AETNA' }));
  index.upsert(lifecycle('CLM-3', 'AwaitAppealApproval', 20, { payerId: 'AETNA' }));
  index.upsert(lifecycle('CLM-4', 'AwaitAdjudication', 5, { payerId: 'MEDICARE-JL' }));
  index.upsert(lifecycle('CLM-5', 'Submit', 3));

  it('counts the claims each payer holds and where they sit, and finds one payer’s claims', () => {
    expect(index.countsByPayer({ workflow: 'ClaimLifecycle' }, NOW)).toEqual([
      { payerId: 'AETNA', count: 3, byState: { AwaitAdjudication: 2, AwaitAppealApproval: 1 } },
      { payerId: 'MEDICARE-JL', count: 1, byState: { AwaitAdjudication: 1 } },
    ]);
    expect(index.search({ payerId: 'AETNA', state: 'AwaitAdjudication' }, NOW).executions.map((e) => e.claimId)).toEqual([
      'CLM-2',
      'CLM-1',
    ]);
    // Counts per payer follow the rest of the search (here the age), not the payer filter itself.
    expect(index.countsByPayer({ payerId: 'AETNA', maxAgeDays: 15 }, NOW).map((p) => [p.payerId, p.count])).toEqual([
      ['AETNA', 1],
      ['MEDICARE-JL', 1],
    ]);
  });

  it('keeps only a plain payer id from an execution’s input', () => {
    expect(payerIdOfInput('{"claimId":"CLM-1","payerId":"AETNA","patient":{"lastName":"Doe"}}')).toBe('AETNA');
    expect(payerIdOfInput('{"claimId":"CLM-1"}')).toBeUndefined();
    expect(payerIdOfInput('{"payerId":{"name":"x"}}')).toBeUndefined();
    expect(payerIdOfInput('{"payerId":"Jane Doe, 1970-01-01"}')).toBeUndefined();
    expect(payerIdOfInput('not json')).toBeUndefined();
    expect(payerIdOfInput(undefined)).toBeUndefined();
  });

  it('counts per payer add up to the matching executions that name a payer', () => {
    const execution = fc.record({
      claim: fc.integer({ min: 1, max: 50 }),
      payer: fc.option(fc.constantFrom('P1', 'P2', 'P3'), { nil: undefined }),
      state: fc.constantFrom('Scrub', 'Submit', 'AwaitAdjudication'),
      status: fc.constantFrom(...executionStatuses),
    });
    fc.assert(
      fc.property(fc.array(execution, { maxLength: 60 }), fc.constantFrom(undefined, ...executionStatuses), (rows, status) => {
        const idx = new ExecutionIndex();
        for (const r of rows)
          idx.upsert(lifecycle(`CLM-${r.claim}`, r.state, 1, { status: r.status, ...(r.payer ? { payerId: r.payer } : {}) }));
        const query = status ? { status } : {};
        const payers = idx.countsByPayer(query, NOW);
        const withPayer = idx.search({ ...query, limit: 1000 }, NOW).executions.filter((e) => e.payerId);
        expect(payers.reduce((sum, p) => sum + p.count, 0)).toBe(withPayer.length);
        for (const p of payers) {
          expect(Object.values(p.byState).reduce((a, b) => a + b, 0)).toBe(p.count);
          expect(idx.search({ ...query, payerId: p.payerId, limit: 1000 }, NOW).total).toBe(p.count);
        }
      }),
    );
  });
});

describe('the state an execution sits in, from its newest events', () => {
  it('is the last state entered, with the failure of a failed execution', () => {
    const at = new Date(NOW);
    expect(
      stateFromHistory([
        { id: 9, type: 'ExecutionFailed', timestamp: at, executionFailedEventDetails: { error: 'Claim.Rejected', cause: 'AK5 R' } },
        { id: 8, type: 'FailStateEntered', timestamp: at, stateEnteredEventDetails: { name: 'Rejected' } },
        { id: 7, type: 'TaskStateExited', timestamp: at, stateExitedEventDetails: { name: 'Submit' } },
      ]),
    ).toEqual({ currentState: 'Rejected', stateEnteredAt: NOW, error: 'Claim.Rejected', cause: 'AK5 R' });
  });
});
