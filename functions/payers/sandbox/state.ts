/**
 * The sandbox payer's memory: members with their accumulators, adjudicated claims (for duplicates,
 * reversals, corrections, appeals and status inquiries) and a claim-number sequence. Plain data,
 * replaced (never mutated) by each adjudication, so callers can keep or persist any version.
 */
import { memberKey } from './profiles.ts';
import type { AdjudicationOutcome, ClaimAdjudication, SandboxClaim, SandboxMember } from './types.ts';

export interface ClaimRecord {
  claim: SandboxClaim;
  adjudication: ClaimAdjudication;
  /** Set when a later reversal (correction, void, appeal) replaced this adjudication. */
  reversedBy?: string;
}

export interface SandboxState {
  /** Members touched so far (accumulators updated), by `payerId|memberId`. */
  members: Readonly<Record<string, SandboxMember>>;
  /** Adjudications by payer claim control number. */
  claims: Readonly<Record<string, ClaimRecord>>;
  /** Latest outcome by `payerId|patientControlNumber`, for claim status (276/277). */
  latest: Readonly<Record<string, AdjudicationOutcome>>;
  /** Payer claim control number of the live adjudication per duplicate fingerprint. */
  fingerprints: Readonly<Record<string, string>>;
  sequence: number;
}

export function emptyState(members: readonly SandboxMember[] = []): SandboxState {
  return {
    members: Object.fromEntries(members.map((m) => [memberKey(m.payerId, m.memberId), m])),
    claims: {},
    latest: {},
    fingerprints: {},
    sequence: 0,
  };
}

/** Identifies "the same service billed again": payer, member, each line's date, codes, units and charge. */
export function fingerprint(claim: SandboxClaim): string {
  const lines = claim.lines
    .map((l) => [l.serviceDate, l.procedureCode ?? '', l.revenueCode ?? '', l.modifiers.join(':'), l.units, l.chargeCents].join('/'))
    .sort();
  return [claim.payerId, claim.memberId, claim.claimType, ...lines].join('|');
}
