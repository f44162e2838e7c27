/** What the appeal use-cases are given besides the Store: where packets are kept and the payer's appeal channel. */
import type { AppealChannel } from '#functions/payers/gateway.ts';
import type { Store } from '#functions/store/index.ts';

/** Objects of the encrypted Reports bucket (packets and letters hold PHI: written and read, never logged). */
export interface PacketObjects {
  put(key: string, body: string, contentType: string): Promise<void>;
  /** The object's text, or null when there is none. */
  get(key: string): Promise<string | null>;
}

export interface AppealDeps {
  readonly store: Store;
  readonly objects: PacketObjects;
  readonly now: Date;
}

export interface SubmitAppealDeps extends AppealDeps {
  readonly appeals: AppealChannel;
}
