/** Appeals: drafting packets a person approves, escalating late approvals, and filing approved appeals with the payer. */
export * from './deadlines.ts';
export * from './draft-appeal.ts';
export * from './escalate-appeal.ts';
export * from './evidence.ts';
export * from './letter.ts';
export * from './packet.ts';
export * from './ports.ts';
export * from './submit-appeal.ts';
