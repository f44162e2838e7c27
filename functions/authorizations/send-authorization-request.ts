/**
 * Asks the payer to authorize services (278 request → 278 response) and records what it decided:
 * reads the patient, coverage, provider and payer from the store, keeps the authorization record
 * (`requested` first, then the decision), and raises a work item when a person must act. Safe to
 * retry: the record is keyed by the caller's id, a decided request is not asked again, and the work
 * item's id is stable.
 */
import { ConfigurationError } from '#functions/errors/index.ts';
import { read278, write278, type ReviewResult } from '#functions/payers/exchange/index.ts';
import { readPayerReply, type PayerTaskDeps } from '#functions/payers/task-deps.ts';
import { openWorkItem } from '#functions/queues/work-items.ts';
import { reserveControls } from '#functions/store/control-numbers.ts';
import { coverageOf, recordLoader } from '#functions/store/record-loader.ts';
import type { Authorization } from '#schemas/authorization.ts';
import type { AuthorizationDecision, AuthorizationRequest } from '#schemas/authorization-request.ts';
import { applyDecision, authorizationWorkItem, type AuthorizationWorkKind } from './decision.ts';

const DECIDED = new Set<Authorization['status']>(['approved', 'partially-approved', 'denied', 'expired']);
const DEFAULT_MAX_FOLLOW_UPS = 3;

/** The record as first asked for. */
function requested(request: AuthorizationRequest, payerId: string, at: string): Authorization {
  const a: Authorization = {
    authorizationId: request.authorizationId,
    patientId: request.patientId,
    payerId,
    coverageId: request.coverageId,
    status: 'requested',
    procedureCodes: [...new Set(request.services.map((s) => s.procedureCode))],
    validFrom: request.validFrom,
    validThrough: request.validThrough,
    requestedUnits: request.services.reduce((sum, s) => sum + s.units, 0),
    requestTraceNumber: request.authorizationId,
    requestedAt: at,
  };
  if (request.serviceTypeCode) a.serviceTypeCode = request.serviceTypeCode;
  if (request.diagnosisCodes?.length) a.diagnosisCodes = [...request.diagnosisCodes];
  if (request.encounterIds?.length) a.encounterIds = [...request.encounterIds];
  return a;
}

function decisionOf(
  a: Authorization,
  outcome: AuthorizationDecision['outcome'],
  rejections: ReviewResult['rejections'],
  followUp: number,
  followUpDue: boolean,
  workItemId?: string,
): AuthorizationDecision {
  const d: AuthorizationDecision = {
    authorizationId: a.authorizationId,
    patientId: a.patientId,
    payerId: a.payerId,
    status: a.status,
    outcome,
    validFrom: a.validFrom,
    validThrough: a.validThrough,
    rejections: rejections.map((r) => ({ level: r.level, code: r.code, retryable: r.retryable })),
    followUp,
    followUpDue,
  };
  if (a.authorizationNumber) d.authorizationNumber = a.authorizationNumber;
  if (a.approvedUnits !== undefined) d.approvedUnits = a.approvedUnits;
  if (a.decisionReasonCode) d.reasonCode = a.decisionReasonCode;
  if (workItemId) d.workItemId = workItemId;
  return d;
}

/** Sends (or follows up on) one prior authorization request and records the payer's decision. */
export async function sendAuthorizationRequest(deps: PayerTaskDeps, request: AuthorizationRequest): Promise<AuthorizationDecision> {
  const load = recordLoader(deps.store);
  const record = await load.patient(request.patientId);
  const coverage = coverageOf(record, request.coverageId);
  const [provider, payer] = await Promise.all([load.provider(request.providerId), load.payer(coverage.payerId)]);
  const followUp = request.followUp ?? 0;
  const existing = await deps.store.authorizations.get(request.patientId, request.authorizationId);
  if (existing && DECIDED.has(existing.status)) return decisionOf(existing, 'already-decided', [], followUp, false);

  const send = deps.gateway.requestAuthorization;
  if (!send) throw new ConfigurationError(`the payer gateway has no 278 channel for payer ${payer.payerId}`);
  const now = deps.now();
  const at = now.toISOString();
  const asked = existing ?? requested(request, payer.payerId, at);
  if (!existing) await deps.store.authorizations.put(asked);

  const { controls } = await reserveControls(deps.store);
  const x278 = write278(
    {
      patient: record.patient,
      coverage,
      provider,
      payer,
      services: request.services,
      validFrom: request.validFrom,
      validThrough: request.validThrough,
      traceNumber: request.authorizationId,
      ...(request.diagnosisCodes ? { diagnosisCodes: request.diagnosisCodes } : {}),
      ...(request.serviceTypeCode ? { serviceTypeCode: request.serviceTypeCode } : {}),
      ...(request.placeOfService ? { placeOfService: request.placeOfService } : {}),
    },
    { interchange: deps.settings.interchange, now },
    controls,
  );
  const reply = await send.call(deps.gateway, x278, { payerId: payer.payerId, correlationId: request.authorizationId });
  const result = readPayerReply(payer.payerId, () => read278(reply));
  let decided = applyDecision(asked, result, at);
  const refusal = result.outcome === 'rejected' ? result.rejections[0]?.code : undefined;
  if (refusal) decided = { ...decided, decisionReasonCode: refusal };
  await deps.store.authorizations.put(decided);

  const asks = followUp + 1;
  const maxFollowUps = request.maxFollowUps ?? DEFAULT_MAX_FOLLOW_UPS;
  const followUpDue = decided.status === 'pended' && asks <= maxFollowUps;
  let work: AuthorizationWorkKind | undefined;
  if (decided.status === 'denied' || decided.status === 'partially-approved') work = decided.status;
  else if (decided.status === 'pended' && !followUpDue) work = 'still-pended';
  else if (result.outcome === 'rejected') work = 'rejected';
  let workItemId: string | undefined;
  if (work) {
    const raisedBy = request.executionId ?? `SendAuthorizationRequest:${request.authorizationId}`;
    const opened = await openWorkItem(deps.store, authorizationWorkItem(decided, work, raisedBy), now);
    workItemId = opened.item.workItemId;
  }
  return decisionOf(decided, result.outcome, result.rejections, asks, followUpDue, workItemId);
}
