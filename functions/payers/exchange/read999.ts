/**
 * A 999 implementation acknowledgment (005010X231A1) → per functional group and per transaction set,
 * accepted or not, with the errors located by segment and element. IK404 (a copy of the bad value,
 * possibly PHI) is never read out.
 */
import type { Acknowledgment999 } from '#functions/x12/index.ts';
import { transactionsOf } from './common.ts';
import type { FindingSummary } from './common.ts';

/** One syntax error: IK3 (segment) or IK4 (element), by position. */
export interface SyntaxError999 {
  segmentId: string;
  /** IK302: the segment's position in the transaction set (ST = 1). */
  position: number;
  loopId?: string;
  /** IK401-1 / IK401-2, for element errors. */
  element?: number;
  component?: number;
  /** IK403 for an element error, else IK304. */
  code: string;
}

/** One acknowledged transaction set (AK2/IK5). */
export interface TransactionSetAcknowledgment {
  /** AK102: the GS06 of the group acknowledged. */
  groupControlNumber: string;
  /** AK201, e.g. `837`. */
  setId: string;
  /** AK202: the ST02 acknowledged. */
  controlNumber: string;
  implementationReference?: string;
  /** IK501: A accepted, E accepted with errors, R rejected (also M, W, X). */
  code: string;
  accepted: boolean;
  errors: SyntaxError999[];
  /** IK502-IK506 implementation transaction set syntax error codes. */
  errorCodes: string[];
}

/** One acknowledged functional group (AK1/AK9). */
export interface GroupAcknowledgment {
  functionalId: string;
  /** AK102: the GS06 acknowledged. */
  controlNumber: string;
  version?: string;
  /** AK901: A, E, P (partially accepted), R... */
  code: string;
  /** True for A or E: every transaction set of the group accepted. */
  accepted: boolean;
  includedCount: number;
  receivedCount: number;
  acceptedCount: number;
  errorCodes: string[];
}

/** The 999 in brief. When a 999 lists no AK2 for a group, the group's code speaks for all its sets. */
export interface Acknowledgment999Result {
  groups: GroupAcknowledgment[];
  transactionSets: TransactionSetAcknowledgment[];
  /** Engine findings (codes and positions only). */
  findings: FindingSummary[];
}

const ACCEPTED = ['A', 'E'];

/**
 * The first part of a 999's model that {@link read999} reads and the file lacks (AK1, AK9, or a set's
 * IK5), or undefined. The engine reports a missing required segment as a guide error and reads on, so
 * a caller that applies the 999 asks this first instead of reading what is not there.
 */
export function missing999Part(model: Acknowledgment999): string | undefined {
  if (!model.group) return 'AK1 (the group acknowledged)';
  if (!model.groupResponse) return 'AK9 (the group response)';
  if ((model.transactionSets ?? []).some((t) => !t.response)) return 'IK5 (a transaction set response)';
  return undefined;
}

/** Reads a 999 file. Throws the engine's `X12Error` when the file is not X12 at all. */
export function read999(input: string | Uint8Array): Acknowledgment999Result {
  const { transactions, findings } = transactionsOf(input, '999');
  const out: Acknowledgment999Result = { groups: [], transactionSets: [], findings };
  for (const t of transactions) {
    if (!t.model) continue;
    const ack = t.model as unknown as Acknowledgment999;
    const g = ack.groupResponse;
    const group: GroupAcknowledgment = {
      functionalId: ack.group.functionalId,
      controlNumber: ack.group.controlNumber,
      code: g.acknowledgmentCode,
      accepted: ACCEPTED.includes(g.acknowledgmentCode),
      includedCount: g.includedCount,
      receivedCount: g.receivedCount,
      acceptedCount: g.acceptedCount,
      errorCodes: (g.errorCodes ?? []).map((c) => c.code),
    };
    if (ack.group.version) group.version = ack.group.version;
    out.groups.push(group);
    for (const set of ack.transactionSets ?? []) {
      const errors: SyntaxError999[] = [];
      for (const s of set.segmentErrors ?? []) {
        const base: SyntaxError999 = { segmentId: s.segmentId, position: s.segmentPosition, code: s.errorCode ?? '8' };
        if (s.loopId) base.loopId = s.loopId;
        if (s.errorCode || !s.elementErrors?.length) errors.push(base);
        for (const e of s.elementErrors ?? []) {
          const el: SyntaxError999 = { ...base, element: e.position.elementPosition, code: e.errorCode };
          if (e.position.componentPosition !== undefined) el.component = e.position.componentPosition;
          errors.push(el);
        }
      }
      const code = set.response.acknowledgmentCode;
      const ts: TransactionSetAcknowledgment = {
        groupControlNumber: ack.group.controlNumber,
        setId: set.setId,
        controlNumber: set.controlNumber,
        code,
        accepted: ACCEPTED.includes(code),
        errors,
        errorCodes: (set.response.errorCodes ?? []).map((c) => c.code),
      };
      if (set.implementationReference) ts.implementationReference = set.implementationReference;
      out.transactionSets.push(ts);
    }
  }
  return out;
}

/** One claim's fate in a 999: its transaction set's. */
export interface ClaimSyntaxAcknowledgment {
  patientControlNumber: string;
  accepted: boolean;
  /** IK501, or AK901 when the 999 lists no AK2 for the set. */
  code: string;
}

/**
 * The claims of a written 837 batch (see `write837Batch`) as a 999 acknowledges them: each claim
 * takes its transaction set's code, or its group's when the 999 lists no AK2 for the set. Claims of
 * sets the 999 does not mention at all are left out (the 999 is for another batch).
 */
export function claimsAcknowledged999(
  ack: Acknowledgment999Result,
  batch: { transactionSets: readonly { groupControlNumber: string; controlNumber: string; patientControlNumbers: readonly string[] }[] },
): ClaimSyntaxAcknowledgment[] {
  const out: ClaimSyntaxAcknowledgment[] = [];
  for (const set of batch.transactionSets) {
    const ts = ack.transactionSets.find((x) => x.groupControlNumber === set.groupControlNumber && x.controlNumber === set.controlNumber);
    const group = ack.groups.find((g) => g.controlNumber === set.groupControlNumber);
    const code =
      ts?.code ?? (group && !ack.transactionSets.some((x) => x.groupControlNumber === group.controlNumber) ? group.code : undefined);
    if (code === undefined) continue;
    for (const pcn of set.patientControlNumbers) out.push({ patientControlNumber: pcn, accepted: ACCEPTED.includes(code), code });
  }
  return out;
}
