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
  constructor(readonly issues: readonly { path: string; message: string }[]) {
    super(`Input is not valid: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
  }
}

/** A dependency (S3, DynamoDB, a payer) failed in a way worth retrying. */
export class TransientDependencyError extends AppError {
  override readonly name = 'TransientDependencyError';
  constructor(dependency: string, options?: { cause?: unknown }) {
    super(`${dependency} is temporarily unavailable`, options);
  }
}

/** A record the request names does not exist; names its kind and id (ids are not PHI). */
export class RecordNotFoundError extends AppError {
  override readonly name = 'RecordNotFoundError';
  constructor(kind: string, id: string) {
    super(`${kind} ${id} was not found`);
  }
}

/** A claim is not in a state the operation accepts (e.g. submitting a claim that is already paid). */
export class ClaimNotReadyError extends AppError {
  override readonly name = 'ClaimNotReadyError';
  constructor(claimId: string, reason: string) {
    super(`claim ${claimId} ${reason}`);
  }
}

/** The function lacks configuration it needs; names the variable, never a value. Not retried: the deployment must change. */
export class ConfigurationError extends AppError {
  override readonly name = 'ConfigurationError';
}
