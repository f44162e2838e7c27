/** What the statement use-cases are given besides the Store: where the PDFs go, the clock and the settings. */
import type { Store } from '#functions/store/index.ts';
import type { StatementSettings } from './settings.ts';

/** Objects of the encrypted Reports bucket (a statement holds PHI: written, never logged). */
export interface StatementObjects {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
}

export interface StatementDeps {
  readonly store: Store;
  readonly objects: StatementObjects;
  readonly now: () => Date;
  readonly settings: StatementSettings;
}
