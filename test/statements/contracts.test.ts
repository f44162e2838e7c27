/** The statement functions' contracts as their callers use them: the lifecycle step, the sweep, EventBridge's schedule. */
import { describe, expect, it } from 'vitest';
import { produceStatementRequest, sendStatementsRequest } from '#schemas/statement.ts';

describe('statement contracts', () => {
  it('ProduceStatement takes a claim id or a request id, not both and not neither', () => {
    expect(produceStatementRequest.safeParse({ claimId: 'CLM-1', executionId: 'arn:x' }).success).toBe(true);
    expect(produceStatementRequest.safeParse({ statementRequestId: 'STM-1' }).success).toBe(true);
    for (const wrong of [{}, { claimId: 'CLM-1', statementRequestId: 'STM-1' }]) {
      const parsed = produceStatementRequest.safeParse(wrong);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['claimId']);
    }
  });

  it("SendStatements runs on EventBridge's scheduled event as it is, with the default limit", () => {
    const scheduled = {
      version: '0',
      id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '123456789012',
      time: '2026-02-01T15:00:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:123456789012:rule/SendStatementsSchedule'],
      detail: {},
    };
    expect(sendStatementsRequest.parse(scheduled)).toEqual({ limit: 100 });
    expect(sendStatementsRequest.parse({ limit: 5 })).toEqual({ limit: 5 });
  });
});
