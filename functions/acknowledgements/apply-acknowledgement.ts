/**
 * Applies a payer's acknowledgements to our claims: a 999 accepts or rejects the transaction sets of a
 * batch we sent (found by its group control number), a 277CA accepts claims into adjudication or
 * rejects them at the front door (found by patient control number). Each becomes one `acknowledged`
 * claim event per claim and interchange (id and time come from the payer's envelope, not from the
 * file), so the same acknowledgement applied twice, or delivered again under another name, changes
 * nothing.
 *
 * The 835's rule holds here too: the whole file is checked first, and one that is cut short or whose
 * envelope is broken (no SE/GE/IEA, SE01 count off, a segment cut in two) changes no claim and comes
 * back `unreadable` with where it breaks, for the workflow to quarantine. A broken file is a fact
 * about the file, not a passing fault: nothing is thrown for it, so nothing retries it.
 */
import { createHash } from 'node:crypto';
import type { ClaimStatus } from '#schemas/claim.ts';
import type { ClaimHeader, Store } from '#functions/store/index.ts';
import { openWorkItem } from '#functions/queues/work-items.ts';
import type { OpenWorkItemRequest } from '#schemas/work-item.ts';
import { parseX12, type Finding, type ParseResult } from '#functions/x12/index.ts';
import {
  acknowledgementSource,
  claimsAcknowledged999,
  missing277caPart,
  missing999Part,
  read277ca,
  read999,
  type AcknowledgementSource,
  type Acknowledgment999Result,
  type ClaimAcknowledgment,
} from '#functions/payers/exchange/index.ts';
import { problemOfError, structuralProblem, unreadTransactionProblem, type FileProblem } from '#functions/inbound/file-structure.ts';
import { stableId } from '#functions/platform/stable-id.ts';

export interface AcknowledgementOutcome {
  kind: '999' | '277CA';
  /** `unreadable`: no claim was touched; `problem` says where the file is broken. */
  status: 'applied' | 'unreadable';
  problem?: FileProblem;
  /** Claims whose acknowledgement was recorded now. */
  accepted: number;
  rejected: number;
  /** Already recorded from this file before (a retry or a second delivery). */
  alreadyApplied: number;
  /** Acknowledgements that do not fit the claim's status any more (e.g. a 999 after a 277CA rejection). */
  superseded: number;
  /** Control numbers or claim numbers that match nothing we sent: kept in the file, counted here. */
  unmatched: number;
}

/**
 * What identifies the file's (first) acknowledgement whatever file it came in: see
 * {@link acknowledgementSource}; a hash of the bytes when the file has no readable ISA.
 */
export function interchangeOf(body: Uint8Array): AcknowledgementSource {
  const first = parseX12(body, { profile: 'tolerant' }).transactions[0];
  return (
    (first && acknowledgementSource(first)) ?? {
      tag: createHash('sha256').update(createHash('sha256').update(body).digest('hex')).digest('hex').slice(0, 16),
    }
  );
}

/** What each kind of acknowledgement file holds: its transaction set and guide. */
const ACKNOWLEDGEMENT_SETS = {
  '999': { setId: '999', guide: '005010X231A1' },
  '277CA': { setId: '277', guide: '005010X214' },
} as const;

/**
 * Reads the whole acknowledgement file without writing: its first structural problem (cut short, or
 * its envelope broken), or none. A transaction set's own findings come before those of its group and
 * interchange found at the same place (a missing SE says more than the missing GE and IEA after it).
 * Given the `kind` the file is applied as, a transaction set of another kind (a 997 routed as a 999)
 * or one that lacks a part that applying it reads (a 999 without AK9, a 277CA without its claims'
 * TRN) is a problem too: applying it would skip it, or read what is not there.
 */
export function checkAcknowledgementFile(body: Uint8Array, kind?: '999' | '277CA'): FileProblem | undefined {
  let parsed: ParseResult;
  try {
    parsed = parseX12(body, { profile: 'tolerant' });
  } catch (error) {
    const problem = problemOfError(error);
    if (problem) return problem;
    throw error;
  }
  const at = (f: Finding): number => f.byteOffset ?? Number.MAX_SAFE_INTEGER;
  const findings = [...parsed.transactions.flatMap((t) => t.findings), ...parsed.findings].sort((a, b) => at(a) - at(b));
  const structural = structuralProblem(findings);
  if (structural || kind === undefined) return structural;
  const expected = ACKNOWLEDGEMENT_SETS[kind];
  const missingPart = kind === '999' ? missing999Part : missing277caPart;
  if (parsed.transactions.length === 0) return { reason: `NO_TRANSACTION_SET: no ${kind} in the file`, byteOffset: 0 };
  for (const t of parsed.transactions) {
    if (t.setId !== expected.setId || t.guide !== expected.guide) return unreadTransactionProblem(t, `${kind} ${expected.guide}`);
    const missing = t.model ? missingPart(t.model as never) : 'its model';
    if (missing)
      return {
        reason: `INCOMPLETE_ACKNOWLEDGEMENT: the ${kind} lacks ${missing}, which applying it reads`,
        byteOffset: t.byteOffset,
        segment: 'ST',
      };
  }
  return undefined;
}

/** What an acknowledgement file says, read in full before any claim is touched. */
type ReadAcknowledgement = { interchange: ReturnType<typeof interchangeOf> } & (
  { kind: '277CA'; claims: ClaimAcknowledgment[] } | { kind: '999'; ack: Acknowledgment999Result }
);

function readAcknowledgement(kind: '999' | '277CA', body: Uint8Array): ReadAcknowledgement {
  const interchange = interchangeOf(body);
  return kind === '277CA' ? { kind, interchange, claims: read277ca(body).claims } : { kind, interchange, ack: read999(body) };
}

/**
 * Records what the acknowledgement file says about each claim it names. The event's id and time come
 * from the interchange (`arrivedAt` only when its GS date cannot be read), so the claim store's own
 * idempotency (event key = time + id) recognizes a second delivery. A broken file comes back
 * `unreadable` with no claim touched; store errors (DynamoDB) propagate for the caller to retry.
 */
export async function applyAcknowledgement(
  store: Store,
  file: {
    kind: '999' | '277CA';
    body: Uint8Array;
    arrivedAt: string;
    onClaimStatus?: (claimId: string, status: ClaimStatus) => Promise<unknown>;
  },
): Promise<AcknowledgementOutcome> {
  const outcome: AcknowledgementOutcome = {
    kind: file.kind,
    status: 'applied',
    accepted: 0,
    rejected: 0,
    alreadyApplied: 0,
    superseded: 0,
    unmatched: 0,
  };
  // Everything is read before anything is written: a file the engine gives up on changes no claim.
  let read: ReadAcknowledgement;
  try {
    const problem = checkAcknowledgementFile(file.body, file.kind);
    if (problem) return { ...outcome, status: 'unreadable', problem };
    read = readAcknowledgement(file.kind, file.body);
  } catch (error) {
    const problem = problemOfError(error);
    if (problem) return { ...outcome, status: 'unreadable', problem };
    throw error;
  }
  const record = async (
    claim: ClaimHeader,
    accepted: boolean,
    statusCode: string | undefined,
    // Each interchange is an acknowledgement of its own: two in one file (a clearinghouse's and the payer's) are two events.
    source: AcknowledgementSource = read.interchange,
  ): Promise<void> => {
    const eventId = `ack-${file.kind}-${source.tag}`;
    const at = source.createdAt ?? file.arrivedAt;
    const { claimId } = claim;
    const result = await store.claims.recordEvent({
      type: 'acknowledged',
      eventId,
      claimId,
      at,
      source: file.kind,
      accepted,
      ...(statusCode ? { statusCode: statusCode.slice(0, 10) } : {}),
    });
    if (result.status === 'recorded') {
      outcome[accepted ? 'accepted' : 'rejected'] += 1;
      // A front-door rejection is work for a person: it waits in the rejections queue with the payer's code.
      if (!accepted) await openWorkItem(store, rejectionItem(claim, file.kind, statusCode, eventId), new Date(at));
      await file.onClaimStatus?.(claimId, result.claimStatus);
    } else if (result.status === 'already-recorded') outcome.alreadyApplied += 1;
    else outcome.superseded += 1;
  };

  if (read.kind === '277CA') {
    for (const ack of read.claims) {
      const claims = await store.claims.findByPatientControlNumber(ack.patientControlNumber);
      if (claims.length === 0) outcome.unmatched += 1;
      for (const claim of claims) await record(claim, ack.accepted, ack.statuses[0]?.category, ack.source);
    }
    return outcome;
  }

  const { ack } = read;
  const groups = new Set([...ack.groups.map((g) => g.controlNumber), ...ack.transactionSets.map((t) => t.groupControlNumber)]);
  for (const group of groups) {
    const batch = /^\d{1,9}$/.test(group) ? await store.submissions.findByGroupControlNumber(Number(group)) : null;
    if (!batch?.transactionSets) {
      outcome.unmatched += 1;
      continue;
    }
    for (const claimAck of claimsAcknowledged999(ack, {
      transactionSets: batch.transactionSets.filter((t) => t.groupControlNumber === group),
    })) {
      const claims = (await store.claims.findByPatientControlNumber(claimAck.patientControlNumber)).filter((c) =>
        batch.claimIds.includes(c.claimId),
      );
      if (claims.length === 0) outcome.unmatched += 1;
      for (const claim of claims) await record(claim, claimAck.accepted, claimAck.code);
    }
  }
  return outcome;
}

/** The rejections-queue item of a claim the payer rejected at the front door; its id follows the interchange, so a redelivery raises nothing new. */
function rejectionItem(claim: ClaimHeader, kind: '999' | '277CA', statusCode: string | undefined, eventId: string): OpenWorkItemRequest {
  return {
    workItemId: stableId('REJ', eventId, claim.claimId),
    queue: 'rejections',
    kind,
    claimId: claim.claimId,
    payerId: claim.payerId,
    amountCents: claim.totalChargeCents,
    summary: `Rejected at the front door by the payer's ${kind}${statusCode ? ` (${statusCode})` : ''}: amend the claim (AmendClaim), then resubmit it`,
    details: { source: kind, ...(statusCode ? { statusCode: statusCode.slice(0, 20) } : {}) },
    actions: ['resubmit', 'dismiss'],
    raisedBy: 'ApplyAcknowledgement',
  };
}
