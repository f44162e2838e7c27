/**
 * A payer's 278 response (005010X217) → the decision in brief, without PHI, for a workflow to carry.
 *
 * Left out on purpose: names, member ids, dates of birth, addresses, free text (MSG). Kept: our
 * trace number, the decision (HCR01) as a word, the authorization number (HCR02: the payer's id of
 * the review, not a person's), the reason code (HCR03 or AAA03), the certified span (DTP 007/036,
 * else the services' DTP*472), and per service the procedure code and the units certified.
 */
import { parseX12 } from '#functions/x12/index.ts';
import type {
  Acknowledgment999,
  DatePeriod,
  Decision278,
  ModelObject,
  PatientEvent278,
  RequestError,
  Review278Document,
} from '#functions/x12/index.ts';
import { isoDate, isRetryableAction, summarizeFindings } from './common.ts';
import type { FindingSummary } from './common.ts';

/** What the payer decided, as a word a workflow branches on. */
export type ReviewOutcome = 'approved' | 'partially-approved' | 'pended' | 'denied' | 'cancelled' | 'rejected' | 'unknown';

/** HCR01 → outcome. A6 (modified) is a partial approval: the payer certified something other than asked. */
const OUTCOMES: Readonly<Record<string, ReviewOutcome>> = {
  A1: 'approved',
  A2: 'partially-approved',
  A6: 'partially-approved',
  A3: 'denied',
  A4: 'pended',
  C: 'cancelled',
  CT: 'pended',
  NA: 'approved',
};

/** An AAA the payer sent: where, why (AAA03) and what to do (AAA04). */
export interface ReviewRejection {
  level: 'umo' | 'requester' | 'subscriber' | 'dependent' | 'event' | 'service' | 'acknowledgment';
  code: string;
  followUpAction?: string;
  /** AAA04 C, P, R, W, X... ask again (after correcting, or later). */
  retryable: boolean;
}

/** The decision on one service (2000F). */
export interface ServiceDecision {
  procedureCode?: string;
  outcome: ReviewOutcome;
  actionCode?: string;
  authorizationNumber?: string;
  reasonCode?: string;
  /** SV104/SV205 in the response: the units certified. */
  units?: number;
}

/** The 278 response in brief. No PHI: see the module comment for what is left out. */
export interface ReviewResult {
  /** The decision on the patient event, or the services' when the event carries none. */
  outcome: ReviewOutcome;
  actionCode?: string;
  /** Our TRN02 (or BHT03) echoed back. */
  traceNumber?: string;
  authorizationNumber?: string;
  reasonCode?: string;
  /** The certified span, ISO dates. */
  validFrom?: string;
  validThrough?: string;
  /** Sum of the certified units over the services, when each names them. */
  approvedUnits?: number;
  services: ServiceDecision[];
  rejections: ReviewRejection[];
  findings: FindingSummary[];
}

function rejections(level: ReviewRejection['level'], errors: readonly RequestError[] | undefined): ReviewRejection[] {
  return (errors ?? [])
    .filter((e) => e.rejectReasonCode)
    .map((e) => {
      const r: ReviewRejection = {
        level,
        code: e.rejectReasonCode as string,
        retryable: isRetryableAction(e.followUpActionCode),
      };
      if (e.followUpActionCode) r.followUpAction = e.followUpActionCode;
      return r;
    });
}

function outcomeOf(d: Decision278 | undefined): ReviewOutcome {
  return d ? (OUTCOMES[d.actionCode] ?? 'unknown') : 'unknown';
}

function span(dates: readonly DatePeriod[] | undefined): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  for (const d of dates ?? []) {
    if (d.format === 'RD8' && ['472', 'AAH'].includes(d.qualifier)) {
      const [a, b] = d.value.split('-');
      out.from ??= isoDate(a);
      out.to ??= isoDate(b);
    }
  }
  const one = (q: string) => isoDate(dates?.find((d) => d.qualifier === q && d.format === 'D8')?.value);
  const effective = one('007');
  const expiration = one('036');
  if (effective) out.from = effective;
  if (expiration) out.to = expiration;
  return out;
}

function units(q: string | undefined): number | undefined {
  if (q === undefined || !/^\d*\.?\d+$/.test(q)) return undefined;
  return Number(q);
}

/** The combined outcome of several services: all alike → that; some approved → partial; else the first. */
function combined(outcomes: readonly ReviewOutcome[]): ReviewOutcome {
  if (outcomes.length === 0) return 'unknown';
  if (outcomes.every((o) => o === outcomes[0])) return outcomes[0] as ReviewOutcome;
  if (outcomes.some((o) => o === 'approved' || o === 'partially-approved')) return 'partially-approved';
  if (outcomes.includes('pended')) return 'pended';
  return outcomes[0] as ReviewOutcome;
}

function readEvent(event: PatientEvent278, result: ReviewResult): void {
  result.rejections.push(...rejections('event', event.requestErrors));
  const trace = event.traces?.find((t) => t.traceType === '2') ?? event.traces?.[0];
  if (trace) result.traceNumber = trace.traceNumber;
  const eventSpan = span(event.dates);
  for (const s of event.services ?? []) {
    result.rejections.push(...rejections('service', s.requestErrors));
    const d: ServiceDecision = { outcome: outcomeOf(s.decision ?? event.decision) };
    const code = s.professional?.procedure.code ?? s.institutional?.procedure?.code;
    if (code) d.procedureCode = code;
    const decision = s.decision ?? event.decision;
    if (decision) {
      d.actionCode = decision.actionCode;
      if (decision.reviewNumber) d.authorizationNumber = decision.reviewNumber;
      if (decision.reasonCode) d.reasonCode = decision.reasonCode;
    }
    const n = units(s.professional?.quantity ?? s.institutional?.quantity);
    if (n !== undefined) d.units = n;
    const sSpan = span(s.dates);
    eventSpan.from ??= sSpan.from;
    eventSpan.to ??= sSpan.to;
    if (s.requestErrors?.length && !s.decision) d.outcome = 'rejected';
    result.services.push(d);
  }
  if (event.decision) {
    result.actionCode = event.decision.actionCode;
    result.outcome = outcomeOf(event.decision);
    if (event.decision.reviewNumber) result.authorizationNumber = event.decision.reviewNumber;
    // A partial or denied event often gives its reason only on the services.
    const reason = event.decision.reasonCode ?? result.services.find((s) => s.reasonCode)?.reasonCode;
    if (reason) result.reasonCode = reason;
  } else {
    result.outcome = combined(result.services.map((s) => s.outcome));
    const first = result.services.find((s) => s.authorizationNumber);
    if (first?.authorizationNumber) result.authorizationNumber = first.authorizationNumber;
    const reason = result.services.find((s) => s.reasonCode)?.reasonCode;
    if (reason) result.reasonCode = reason;
  }
  if (eventSpan.from) result.validFrom = eventSpan.from;
  if (eventSpan.to) result.validThrough = eventSpan.to;
  const approvedServices = result.services.filter((s) => s.outcome === 'approved' || s.outcome === 'partially-approved');
  if (approvedServices.length > 0 && approvedServices.every((s) => s.units !== undefined))
    result.approvedUnits = approvedServices.reduce((sum, s) => sum + (s.units as number), 0);
  if (event.requestErrors?.length && !event.decision) result.outcome = 'rejected';
}

/**
 * Summarizes a 278 response. A 999 in its place (the payer rejected the request's syntax) comes back
 * as outcome `rejected` with an `acknowledgment` rejection. Throws the engine's `X12Error` when the
 * reply is not X12 at all.
 */
export function read278(input: string | Uint8Array): ReviewResult {
  const parsed = parseX12(input, { profile: 'tolerant' });
  const result: ReviewResult = {
    outcome: 'unknown',
    services: [],
    rejections: [],
    findings: summarizeFindings([...parsed.findings, ...parsed.transactions.flatMap((t) => t.findings)]),
  };
  for (const t of parsed.transactions) {
    if (t.setId === '999' && t.model) {
      const ack = t.model as unknown as Acknowledgment999;
      const codes = (ack.transactionSets ?? []).map((s) => s.response.acknowledgmentCode);
      if (codes.length === 0) codes.push(ack.groupResponse.acknowledgmentCode);
      for (const code of codes.filter((c) => c !== 'A' && c !== 'E'))
        result.rejections.push({ level: 'acknowledgment', code, retryable: false });
      if (result.rejections.length) result.outcome = 'rejected';
      continue;
    }
    if (t.setId !== '278' || !t.model) continue;
    const doc = t.model as ModelObject as unknown as Review278Document;
    if (doc.beginning.purposeCode !== '11') continue;
    result.traceNumber ??= doc.beginning.referenceId;
    const umo = doc.umo;
    result.rejections.push(...rejections('umo', umo.requestErrors), ...rejections('umo', umo.name.requestErrors));
    const requester = umo.requester;
    result.rejections.push(...rejections('requester', requester?.name.requestErrors));
    const sub = requester?.subscriber;
    result.rejections.push(...rejections('subscriber', sub?.member.requestErrors));
    result.rejections.push(...rejections('dependent', sub?.dependent?.member.requestErrors));
    const event = sub?.dependent?.event ?? sub?.event;
    if (event) readEvent(event, result);
    if (!event && result.rejections.length) result.outcome = 'rejected';
  }
  return result;
}
