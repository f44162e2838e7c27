import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCatalog, isCatalogError, type ErrorName } from '#functions/errors/catalog.ts';
import {
  CallerNotAuthorizedError,
  ClaimNotReadyError,
  ConfigurationError,
  InputValidationError,
  InternalError,
  RecordNotFoundError,
  TransientDependencyError,
} from '#functions/errors/index.ts';
import {
  BatchConflictError,
  PayerRateLimitedError,
  PayerRejectedError,
  PayerRequestInvalidError,
  PayerTimeoutError,
  PayerUnavailableError,
} from '#functions/payers/errors.ts';
import { ExchangeInputError } from '#functions/payers/exchange/common.ts';
import { RemittanceClaimError } from '#functions/payers/exchange/read835.ts';
import { CoreSecretInvalidError } from '#functions/payers/core/credentials.ts';
import { UnpostableRemittanceError } from '#functions/remittance/posting-plan.ts';
import { PostingResultsIncompleteError } from '#functions/remittance/finish-remittance-posting.ts';
import {
  BatchWriteIncompleteError,
  ClaimNotFoundError,
  LedgerRuleError,
  PostingNotFoundError,
  StoredItemError,
} from '#functions/store/index.ts';
import { X12Error } from '#functions/x12/index.ts';
import { IdempotencyConflictError, RefundTooLargeError } from '#functions/records/errors.ts';

interface Retrier {
  ErrorEquals: string[];
  MaxAttempts?: number;
}
interface State {
  Type: string;
  Error?: string;
  Retry?: Retrier[];
  Catch?: { ErrorEquals: string[] }[];
  Branches?: { States: Record<string, State> }[];
  Iterator?: { States: Record<string, State> };
  ItemProcessor?: { States: Record<string, State> };
}

const workflowsDir = join(import.meta.dirname, '../../workflows');
const workflows = readdirSync(workflowsDir)
  .filter((f) => f.endsWith('.asl.json'))
  .map((file) => ({ file, definition: JSON.parse(readFileSync(join(workflowsDir, file), 'utf8')) as { States: Record<string, State> } }));

/** Every state of a definition, nested Parallel branches and Map processors included, with a readable path. */
function* statesOf(states: Record<string, State>, path = ''): Generator<[string, State]> {
  for (const [name, state] of Object.entries(states)) {
    const at = `${path}${name}`;
    yield [at, state];
    for (const [i, branch] of (state.Branches ?? []).entries()) yield* statesOf(branch.States, `${at}.Branches[${i}].`);
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) yield* statesOf(processor.States, `${at}.ItemProcessor.`);
  }
}

/** Whether a retrier's ErrorEquals catches an error of this name (States.TaskFailed catches all but States.Timeout). */
const catches = (errorEquals: readonly string[], name: string): boolean =>
  errorEquals.includes(name) ||
  errorEquals.includes('States.ALL') ||
  (errorEquals.includes('States.TaskFailed') && name !== 'States.Timeout');

const permanentFunctionErrors = (Object.keys(errorCatalog) as ErrorName[]).filter(
  (name) => errorCatalog[name].raisedBy === 'function' && !errorCatalog[name].retryable,
);

describe('the error catalog', () => {
  it.each(workflows)('names every error that $file matches in Retry and Catch (or it is a States.* name)', ({ definition }) => {
    const unknown: string[] = [];
    for (const [path, state] of statesOf(definition.States)) {
      for (const entry of [...(state.Retry ?? []), ...(state.Catch ?? [])]) {
        for (const name of entry.ErrorEquals) if (!name.startsWith('States.') && !isCatalogError(name)) unknown.push(`${path}: ${name}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it.each(workflows)('lets no Retry entry of $file retry an error the catalog calls permanent', ({ definition }) => {
    const retried: string[] = [];
    for (const [path, state] of statesOf(definition.States)) {
      if (!state.Retry) continue;
      for (const name of permanentFunctionErrors) {
        // Step Functions applies the first retrier that matches.
        const first = state.Retry.find((r) => catches(r.ErrorEquals, name));
        if (first && (first.MaxAttempts ?? 3) > 0) retried.push(`${path}: ${name}`);
      }
    }
    expect(retried).toEqual([]);
  });

  it.each(workflows)('lists the error of every Fail state of $file as a workflow error', ({ definition }) => {
    for (const [, state] of statesOf(definition.States)) {
      if (state.Type !== 'Fail' || state.Error === undefined) continue;
      expect(isCatalogError(state.Error) && errorCatalog[state.Error].raisedBy).toBe('workflow');
    }
  });

  it('agrees with the error classes on their names and on what is retryable', () => {
    const thrown: Error[] = [
      new InputValidationError([{ path: 'claimId', message: 'Required' }]),
      new RecordNotFoundError('claim', 'claimId'),
      new ClaimNotReadyError('claimId', 'is paid'),
      new InternalError('request-1'),
      new CallerNotAuthorizedError('the caller is not a consumer of this API'),
      new ConfigurationError('PAYER_GATEWAY is not set'),
      new TransientDependencyError('S3'),
      new PayerTimeoutError(1000),
      new PayerRateLimitedError(30),
      new PayerUnavailableError('ReceiverBusy'),
      new PayerRejectedError('Unauthorized'),
      new PayerRequestInvalidError(['payerId']),
      new BatchConflictError('B-1'),
      new ExchangeInputError(['claim.lines']),
      new CoreSecretInvalidError('secret', []),
      new StoredItemError('claim C-1 fails its contract'),
      new ClaimNotFoundError('claim C-1 not found'),
      new LedgerRuleError(['bad sign']),
      new PostingNotFoundError('no posting'),
      new BatchWriteIncompleteError(3, 10),
      new X12Error('TRUNCATED', 'input ends inside a segment'),
      new RemittanceClaimError(['CLP01']),
      new UnpostableRemittanceError('reversal'),
      new PostingResultsIncompleteError(2, 1),
      new IdempotencyConflictError('paymentId'),
      new RefundTooLargeError(0, 'account'),
    ];
    for (const error of thrown) {
      expect(isCatalogError(error.name), error.name).toBe(true);
      const retryable = (error as { retryable?: boolean }).retryable;
      expect(retryable ?? false, error.name).toBe(errorCatalog[error.name as ErrorName].retryable);
    }
    // Every function error in the catalog is thrown by some class above (no stale entries).
    const names = new Set(thrown.map((e) => e.name));
    const functionErrors = (Object.keys(errorCatalog) as ErrorName[]).filter((n) => errorCatalog[n].raisedBy !== 'workflow');
    expect(functionErrors.filter((n) => !names.has(n))).toEqual([]);
  });
});
