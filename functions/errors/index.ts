/**
 * Typed errors a handler may end with. Their `name` is what Step Functions matches in Retry/Catch
 * (see catalog.ts, which decides what is retryable), and their messages never carry PHI: they name
 * fields and positions, not values.
 */
import { errorCatalog, type ErrorName } from './catalog.ts';

export { errorCatalog, isCatalogError, isRetryable, type CatalogEntry, type ErrorName } from './catalog.ts';

/** Base of every error in the catalog: the name is set explicitly (minifiers rename classes), retryability comes from the catalog. */
export abstract class AppError extends Error {
  abstract override readonly name: ErrorName;
  /** Whether the workflow may usefully retry (from the catalog). */
  get retryable(): boolean {
    return errorCatalog[this.name].retryable;
  }
}

export class InputValidationError extends AppError {
  override readonly name = 'InputValidationError';
  readonly issues: readonly { path: string; message: string }[];
  constructor(issues: readonly { path: string; message: string }[]) {
    super(`Input is not valid: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
}

/** A dependency (S3, DynamoDB, a payer) failed in a way worth retrying. */
export class TransientDependencyError extends AppError {
  override readonly name = 'TransientDependencyError';
  constructor(dependency: string, options?: { cause?: unknown }) {
    super(`${dependency} is temporarily unavailable`, options);
  }
}

/**
 * A record the request names does not exist. The message names the record's kind and the field that
 * named it, never the value: an id the caller sent may be PHI (a medical record number, a member id).
 */
export class RecordNotFoundError extends AppError {
  override readonly name = 'RecordNotFoundError';
  readonly kind: string;
  readonly field: string;
  /** @param field The request (or record) field whose value named the missing record, e.g. `claimId`. */
  constructor(kind: string, field: string) {
    super(`${kind} named by ${field} was not found`);
    this.kind = kind;
    this.field = field;
  }
}

/**
 * A claim is not in a state the operation accepts (e.g. submitting a claim that is already paid). The
 * message names the field that named the claim, not its id, and the reason (statuses, codes).
 */
export class ClaimNotReadyError extends AppError {
  override readonly name = 'ClaimNotReadyError';
  /** @param field The field whose value named the claim, e.g. `claimId`. */
  constructor(field: string, reason: string) {
    super(`claim named by ${field} ${reason}`);
  }
}

/**
 * A failure that is not one of ours (a bug, a runtime or SDK error) as it leaves a function: the
 * original is logged by name and replaced, so no stack frame or value crosses the boundary. Retryable,
 * as any unknown failure was before (workflows retry `States.TaskFailed`).
 */
export class InternalError extends AppError {
  override readonly name = 'InternalError';
  constructor(requestId: string) {
    super(`Internal error; the function's logs hold request ${requestId}`);
  }
}

/** The caller may not call this API, or not for this purpose (see functions/api/caller.ts). Permanent. */
export class CallerNotAuthorizedError extends AppError {
  override readonly name = 'CallerNotAuthorizedError';
}

/** The function lacks configuration it needs; names the variable, never a value. Not retried: the deployment must change. */
export class ConfigurationError extends AppError {
  override readonly name = 'ConfigurationError';
}
