/** Claims: building blocks for the scrubber and the claim lifecycle. */
export * from './calendar.ts';
export * from './code-set.ts';
export * from './findings.ts';
export * from './icd10cm.ts';
export * from './identifiers.ts';
export * from './lifecycle.ts';
export * from './procedure-codes.ts';
export * from './scrub-input.ts';
export * from './scrubber.ts';
export { FILING_WARNING_DAYS } from './edits-payer.ts';
export * from './claim-from-encounter.ts';
