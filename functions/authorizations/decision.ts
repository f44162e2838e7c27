/**
 * A payer's 278 decision applied to our authorization record, and the work a person must do about
 * it. Pure: no store, no clock (the caller passes the instant).
 */
import { stableId } from '#functions/platform/stable-id.ts';
import type { ReviewResult } from '#functions/payers/exchange/index.ts';
import type { Authorization, AuthorizationStatus } from '#schemas/authorization.ts';
import type { OpenWorkItemRequest } from '#schemas/work-item.ts';

/** The record's status after a review outcome; `undefined` leaves it as it was (a rejected or unreadable answer). */
export function statusAfter(outcome: ReviewResult['outcome']): AuthorizationStatus | undefined {
  switch (outcome) {
    case 'approved':
    case 'partially-approved':
    case 'pended':
    case 'denied':
      return outcome;
    case 'cancelled':
      return 'expired';
    default:
      return undefined;
  }
}

/**
 * The authorization after the payer's answer: status, number, certified span and units, the reason.
 * An approval without a number (a payer that leaves HCR02 empty) stays `pended`: nothing can be billed
 * under it. Returns the record unchanged when the answer decides nothing.
 */
export function applyDecision(a: Authorization, result: ReviewResult, at: string): Authorization {
  let status = statusAfter(result.outcome);
  if (status === undefined) return a;
  const number = result.authorizationNumber ?? a.authorizationNumber;
  if ((status === 'approved' || status === 'partially-approved') && !number) status = 'pended';
  const next: Authorization = { ...a, status };
  if (number) next.authorizationNumber = number;
  if (status === 'approved' || status === 'partially-approved') {
    if (result.validFrom && result.validThrough && result.validFrom <= result.validThrough) {
      next.validFrom = result.validFrom;
      next.validThrough = result.validThrough;
    }
    if (result.approvedUnits !== undefined && result.approvedUnits > 0) next.approvedUnits = result.approvedUnits;
    const certified = result.services
      .filter((s) => s.outcome === 'approved' || s.outcome === 'partially-approved')
      .map((s) => s.procedureCode);
    const codes = a.procedureCodes.filter((c) => certified.length === 0 || certified.includes(c));
    if (codes.length > 0) next.procedureCodes = codes;
  }
  if (result.reasonCode) next.decisionReasonCode = result.reasonCode;
  else delete next.decisionReasonCode;
  if (status !== 'pended') next.decidedAt = at;
  return next;
}

/** What a person must look at about an authorization. */
export type AuthorizationWorkKind = 'denied' | 'partially-approved' | 'rejected' | 'still-pended' | 'expiring' | 'units-running-out';

const texts: Readonly<Record<AuthorizationWorkKind, string>> = {
  denied: 'The payer denied the prior authorization: request a reconsideration, reschedule, or tell the patient before the service',
  'partially-approved': 'The payer approved part of the authorization asked for: ask for the rest or plan the services within it',
  rejected: 'The payer refused the authorization request itself: correct what the reason names and ask again',
  'still-pended': 'The payer is still reviewing the authorization after the follow-ups: call the payer',
  expiring: 'An authorization ends soon with services left: request a renewal',
  'units-running-out': 'An authorization is running out of approved units: request more units',
};

/**
 * The work item for an authorization: due by the first day asked for (a denial or a pend must be
 * worked before the service) or by the day it ends (renewals), its id stable per authorization, kind
 * and `round` (a renewal asked for in a later period is new work).
 */
export function authorizationWorkItem(a: Authorization, kind: AuthorizationWorkKind, raisedBy: string, round = '0'): OpenWorkItemRequest {
  const deadline = kind === 'expiring' || kind === 'units-running-out' ? a.validThrough : a.validFrom;
  const details: Record<string, string | number | string[]> = {
    authorizationId: a.authorizationId,
    patientId: a.patientId,
    status: a.status,
    procedureCodes: a.procedureCodes,
    validFrom: a.validFrom,
    validThrough: a.validThrough,
  };
  if (a.authorizationNumber) details.authorizationNumber = a.authorizationNumber;
  if (a.requestedUnits !== undefined) details.requestedUnits = a.requestedUnits;
  if (a.approvedUnits !== undefined) details.approvedUnits = a.approvedUnits;
  if (a.decisionReasonCode) details.reasonCode = a.decisionReasonCode;
  const reason = a.decisionReasonCode ? ` (reason ${a.decisionReasonCode})` : '';
  return {
    workItemId: stableId('AUTH', a.patientId, a.authorizationId, kind, round),
    queue: 'authorizations',
    kind,
    payerId: a.payerId,
    amountCents: 0,
    deadline,
    summary: `${texts[kind]}${reason}: ${a.procedureCodes.join(', ')} by ${deadline}`.slice(0, 300),
    details,
    actions: ['resume', 'dismiss'],
    raisedBy,
  };
}
