/**
 * Errors of the records APIs. Their messages name the request field at fault, never its value: an id a
 * caller sends may be PHI (an enterprise patient id, an account number). A record that is not there is
 * the shared RecordNotFoundError, which names the field too.
 */
import { AppError } from '#functions/errors/index.ts';

/** An idempotency id was used before with a different request; the first request stands. */
export class IdempotencyConflictError extends AppError {
  override readonly name = 'IdempotencyConflictError';
  readonly field: string;
  constructor(field: string) {
    super(`${field} was used before with a different request; send a new ${field} for a new request`);
    this.field = field;
  }
}

/** A refund larger than what the patient paid and was not yet refunded. */
export class RefundTooLargeError extends AppError {
  override readonly name = 'RefundTooLargeError';
  readonly refundableCents: number;
  constructor(refundableCents: number, scope: 'account' | 'claim') {
    super(
      `amountCents exceeds what the patient paid on the ${scope === 'claim' ? 'claim and the account' : 'account'} and was not refunded (${refundableCents} cents)`,
    );
    this.refundableCents = refundableCents;
  }
}
