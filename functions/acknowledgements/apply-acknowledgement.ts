/**
 * Applies a payer's acknowledgements to our claims: a 999 accepts or rejects the transaction sets of a
 * batch we sent (found by its group control number), a 277CA accepts claims into adjudication or
 * rejects them at the front door (found by patient control number). Each becomes one `acknowledged`
 * claim event per claim and interchange (id and time come from the payer's envelope, not from the
 * file), so the same acknowledgement applied twice, or delivered again under another name, changes
 * nothing.
 */
import { createHash } from 'node:crypto';
import type { ClaimStatus } from '#schemas/claim.ts';
import type { Store } from '#functions/store/index.ts';
import { groupCreatedAt, parseX12 } from '#functions/x12/index.ts';
import { claimsAcknowledged999, read277ca, read999 } from '#functions/payers/exchange/index.ts';

export interface AcknowledgementOutcome {
  kind: '999' | '277CA';
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
 * What identifies an acknowledgement whatever file it came in: a short tag of its ISA sender, control
 * number and date, and the time the payer created it (GS04/GS05), when readable.
 */
export function interchangeOf(body: Uint8Array): { tag: string; createdAt?: string } {
  const first = parseX12(body).transactions[0];
  const isa = first?.interchange;
  const identity = isa
    ? [isa.senderQualifier, isa.senderId, isa.controlNumber, isa.date].join('\u0000')
    : createHash('sha256').update(body).digest('hex');
  const tag = createHash('sha256').update(identity).digest('hex').slice(0, 16);
  const createdAt = groupCreatedAt(first?.group);
  return createdAt ? { tag, createdAt } : { tag };
}

/**
 * Records what the acknowledgement file says about each claim it names. The event's id and time come
 * from the interchange (`arrivedAt` only when its GS date cannot be read), so the claim store's own
 * idempotency (event key = time + id) recognizes a second delivery.
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
  const outcome: AcknowledgementOutcome = { kind: file.kind, accepted: 0, rejected: 0, alreadyApplied: 0, superseded: 0, unmatched: 0 };
  const interchange = interchangeOf(file.body);
  const eventId = `ack-${file.kind}-${interchange.tag}`;
  const at = interchange.createdAt ?? file.arrivedAt;
  const record = async (claimId: string, accepted: boolean, statusCode: string | undefined): Promise<void> => {
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
      await file.onClaimStatus?.(claimId, result.claimStatus);
    } else if (result.status === 'already-recorded') outcome.alreadyApplied += 1;
    else outcome.superseded += 1;
  };

  if (file.kind === '277CA') {
    for (const ack of read277ca(file.body).claims) {
      const claims = await store.claims.findByPatientControlNumber(ack.patientControlNumber);
      if (claims.length === 0) outcome.unmatched += 1;
      for (const claim of claims) await record(claim.claimId, ack.accepted, ack.statuses[0]?.category);
    }
    return outcome;
  }

  const ack = read999(file.body);
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
      for (const claim of claims) await record(claim.claimId, claimAck.accepted, claimAck.code);
    }
  }
  return outcome;
}
