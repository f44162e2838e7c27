/**
 * The schedule's sweep: produces every statement still `requested` (oldest first, up to a limit), one
 * at a time. A request that fails stays requested for the next run; the others go on.
 */
import type { SendStatementsRequest, SendStatementsResult } from '#schemas/statement.ts';
import type { StatementDeps } from './ports.ts';
import { produceStatement } from './produce-statement.ts';

/** What went wrong with one request: its id and the error's name, never a message (which could carry a value). */
export interface StatementFailure {
  readonly statementRequestId: string;
  readonly error: string;
}

/** Sends the waiting statements; `onFailure` hears each one that failed (the handler logs it). */
export async function sendStatements(
  deps: StatementDeps,
  request: SendStatementsRequest,
  onFailure: (failure: StatementFailure) => void = () => {},
): Promise<SendStatementsResult> {
  const waiting = await deps.store.statements.listRequested({ limit: request.limit });
  const result = { requested: waiting.length, produced: 0, alreadySent: 0, failed: 0, patientBilledCents: 0 };
  for (const pending of waiting) {
    try {
      const produced = await produceStatement(deps, { statementRequestId: pending.statementRequestId });
      if (produced.statementsProduced === 1) result.produced += 1;
      else result.alreadySent += 1;
      result.patientBilledCents += produced.patientBilledCents;
    } catch (error) {
      result.failed += 1;
      onFailure({ statementRequestId: pending.statementRequestId, error: error instanceof Error ? error.name : 'Error' });
    }
  }
  return result;
}
