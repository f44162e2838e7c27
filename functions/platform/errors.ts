/**
 * Typed errors a handler may end with. Their `name` is what Step Functions matches in Retry/Catch,
 * and their messages never carry PHI: they name fields and positions, not values.
 */
export class InputValidationError extends Error {
  constructor(readonly issues: readonly { path: string; message: string }[]) {
    super(`Input is not valid: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'InputValidationError';
  }
}

/** A dependency (S3, DynamoDB, a payer) failed in a way worth retrying. */
export class TransientDependencyError extends Error {
  constructor(dependency: string, options?: { cause?: unknown }) {
    super(`${dependency} is temporarily unavailable`, options);
    this.name = 'TransientDependencyError';
  }
}

/** A record the request names does not exist; names its kind and id (ids are not PHI). */
export class RecordNotFoundError extends Error {
  constructor(kind: string, id: string) {
    super(`${kind} ${id} was not found`);
    this.name = 'RecordNotFoundError';
  }
}

/** A claim is not in a state the operation accepts (e.g. submitting a claim that is already paid). */
export class ClaimNotReadyError extends Error {
  constructor(claimId: string, reason: string) {
    super(`claim ${claimId} ${reason}`);
    this.name = 'ClaimNotReadyError';
  }
}
