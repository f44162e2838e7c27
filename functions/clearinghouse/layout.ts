/** Where the clearinghouse SFTP exchange works in the application's buckets (buckets by their app-model name). */

/**
 * Where the SFTP exchange works in our buckets (the connector's role and `ExchangeClearinghouseFiles`
 * read the same places): batches are sent from `outbox/`, listings land in `sftp-listings/`, what was
 * sent and retrieved is remembered in `sftp-state/`, and retrieved files land under the inbox's
 * `inbound/` (so they start `PayerFileIntake`).
 */
export const CLEARINGHOUSE_SFTP = {
  sendFrom: { bucket: 'Outbox', prefix: 'outbox/' },
  listings: { bucket: 'Outbox', prefix: 'sftp-listings/' },
  state: { bucket: 'Outbox', prefix: 'sftp-state/' },
  retrieveInto: { bucket: 'Inbox', prefix: 'inbound/clearinghouse/' },
} as const;
