/** Patient account ledger: append-only entries, derived balances, idempotent postings. */
export * from './balances.ts';
export * from './entry-rules.ts';
export * from './ledger.ts';
export * from './posting-key.ts';
export * from './postings.ts';
export * from './clerk-postings.ts';
