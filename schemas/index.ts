/** The contracts shared by handlers, workflows and callers. */
export * from './common.ts';
export * from './codes.ts';
export * from './patient.ts';
export * from './coverage.ts';
export * from './provider.ts';
export * from './payer-profile.ts';
export * from './encounter.ts';
export * from './claim.ts';
export * from './claim-event.ts';
export * from './adjustment.ts';
export * from './remittance.ts';
export * from './ledger-entry.ts';
export * from './appeal.ts';
export * from './authorization.ts';
export * from './scrub-result.ts';
export * from './denial-classification.ts';
export * from './payer-requests.ts';
