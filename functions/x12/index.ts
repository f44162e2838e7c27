/** Public surface of the X12 5010 engine. Pure: no AWS imports. */
export { X12Error } from './errors.ts';
export type { Finding, Severity, X12ErrorCode, X12Location } from './errors.ts';
export { tryParseCents, parseCents, formatCents } from './decimal.ts';
export { tokenize, tokenizeStream, SegmentScanner, DEFAULT_MAX_SEGMENT_LENGTH } from './tokenizer.ts';
export type { Delimiters, Segment, TokenizerOptions } from './tokenizer.ts';
export { scanIsa, ISA_LENGTH, ISA_SCAN_LIMIT } from './isa.ts';
export type { IsaScan, IsaProblem } from './isa.ts';
export { EnvelopeReader, groupCreatedAt } from './envelope.ts';
export type {
  InterchangeHeader,
  GroupHeader,
  TransactionSetInfo,
  TransactionSink,
  EnvelopeSummary,
  EnvelopeOptions,
  ReceivedAcknowledgment,
} from './envelope.ts';
export { parseX12, parseX12Async, parseX12Stream, parseX12Transactions, transactionReader } from './parse.ts';
export type { ParseOptions, ParseResult, ParsedTransaction, StreamSummary } from './parse.ts';
export { streamRemittanceClaims, readRemittanceClaims } from './remittance-stream.ts';
export type {
  RemittanceEvent,
  RemittanceHeaderEvent,
  RemittanceClaimEvent,
  RemittanceTrailerEvent,
  OtherTransactionEvent,
  RemittanceTransaction,
} from './remittance-stream.ts';
export { readTransactionSet, TransactionWalker } from './reader.ts';
export type { ModelObject, LoopDetacher } from './reader.ts';
export { writeTransactionSet, serializeSegments, DEFAULT_DELIMITERS } from './writer.ts';
export { writeInterchange, sequentialControlNumbers, interchangeHeader } from './interchange-writer.ts';
export type { ControlNumberSource, InterchangeParties, TransactionToWrite } from './interchange-writer.ts';
export { TA1_NOTE_CODES, isTa1NoteCode, readTa1, writeTa1Interchange } from './ta1.ts';
export type { InterchangeAcknowledgment, Ta1AcknowledgmentCode, Ta1NoteCode, Ta1ElementProblem } from './ta1.ts';
export { acknowledgeInterchange, answerWithTa1, INTERCHANGE_ID_QUALIFIERS } from './interchange-ack.ts';
export type { AcknowledgeOptions, InterchangeAcknowledgmentResult, IncomingInterchange, PartyId, Ta1Problem } from './interchange-ack.ts';
export { balance835, RemittanceBalancer } from './balance835.ts';
export type { BalanceFinding, BalanceResult } from './balance835.ts';
export { claimsOf } from './types835.ts';
export type * from './types835.ts';
export type * from './types837.ts';
export type * from './model-common.ts';
export { findDefinition } from './registry.ts';
export { TS835, CLAIM_STATUS_CODES, CODES_835 } from './definitions/ts835.ts';
export { ADJUSTMENT_GROUP_CODES } from './definitions/common.ts';
export { TS837P, TS837I } from './definitions/ts837.ts';
export { TS270, TS271 } from './definitions/ts271.ts';
export { TS276, TS277, CLAIM_REFERENCES_277 } from './definitions/ts277.ts';
export { TS277CA } from './definitions/ts277ca.ts';
export { TS999 } from './definitions/ts999.ts';
export { TS278, REVIEW_ACTION_CODES } from './definitions/ts278.ts';
export type * from './definitions/ts278-model.ts';
export type * from './types-eligibility.ts';
export type * from './types-status.ts';
export type { TransactionSetDef, LoopDef, SegmentDef, ElementDef, ElementSpec, GroupDef, LoopRule, Usage, ValueType } from './schema.ts';
