/** Denials: CARC/RARC catalog and classification into work categories with deadlines. */
export * from './carc-catalog.ts';
export * from './categories.ts';
export * from './classify.ts';
export * from './denial-work.ts';
export * from './rarc-catalog.ts';
