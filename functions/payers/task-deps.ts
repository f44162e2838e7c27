import type { Store } from '#functions/store/index.ts';
import { X12Error } from '#functions/x12/index.ts';
import { PayerUnavailableError } from './errors.ts';
import type { PayerGateway } from './gateway.ts';
import type { ExchangeSettings } from './settings.ts';

/** What a payer task (eligibility, submission, status inquiry) is given by its handler, or by a test. */
export interface PayerTaskDeps {
  store: Store;
  gateway: PayerGateway;
  settings: ExchangeSettings;
  now: () => Date;
}

/** Reads a payer's reply; one the engine cannot read is the payer's fault, and worth another try. */
export function readPayerReply<T>(payerId: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof X12Error) throw new PayerUnavailableError('MalformedReply', { payerId, cause: error });
    throw error;
  }
}
