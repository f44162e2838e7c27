/** The sandbox payer: profiles, adjudication, appeals, X12 emitters and the gateway implementation. */
export * from './types.ts';
export * from './profiles.ts';
export * from './state.ts';
export * from './money.ts';
export { adjudicate, frontDoor, reverse, priorPayerFrom } from './adjudicate.ts';
export type { AdjudicationContext, AdjudicationResult } from './adjudicate.ts';
export * from './appeals.ts';
export { appealToSandbox, sandboxAppealChannel, sandboxEvidenceOf } from './appeal-channel.ts';
export * from './emit835.ts';
export * from './emit-acks.ts';
export * from './inquiries.ts';
export * from './from837.ts';
export * from './to837.ts';
export { SandboxPayer } from './sandbox-payer.ts';
export type { InboxFile, InboxWriter, SandboxPayerOptions, SandboxPayerSnapshot } from './sandbox-payer.ts';
export { generateSandboxFiles, writeSandboxFiles } from './files.ts';
export type { GenerateOptions, SandboxFile } from './files.ts';
