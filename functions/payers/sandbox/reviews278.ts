/**
 * The sandbox payer's utilization review: a 278 response for a 278 request, by rules a test or the
 * demo picks through the request itself.
 *
 * - An unknown member: AAA*N**75*C at the subscriber (not found, correct and resubmit).
 * - A member not covered on the first day asked for: not certified (HCR*A3, reason `NC`).
 * - Member prefix `PEND`: pended (HCR*A4, reason `MR`, medical review) until `reviewDays` after the
 *   first request with that trace number; asked again after that, decided by the rules below.
 * - Per service: a code the plan does not price is not certified (A3, reason `NP`); therapy codes
 *   (97xxx) are certified up to {@link THERAPY_UNIT_CAP} units, more is a partial certification (A2)
 *   of the cap; anything else is certified in total (A1). The event's HCR sums them up.
 * - A certification issues a number (`SBX` + sequence) and is remembered on the member, so that the
 *   payer's claim adjudication checks REF*G1 against it (CO-197 otherwise).
 * HCR03 reason codes here are the sandbox's own (`NC`, `MR`, `NP`, `UN`), documented in this file.
 */
import type { Decision278, PatientEvent278, Review278Document, Service278 } from '#functions/x12/index.ts';
import { addDays } from './money.ts';
import { memberFor, memberKey } from './profiles.ts';
import type { SandboxState } from './state.ts';
import type { IssuedAuthorization, SandboxPlan } from './types.ts';

/** Units of a therapy code (97xxx) certified per request. */
export const THERAPY_UNIT_CAP = 8;

/** Pended reviews and the issued-number sequence, by `payerId|memberId|traceNumber`. */
export interface SandboxReviews {
  pended: Readonly<Record<string, { firstAskedOn: string }>>;
  sequence: number;
}

export const emptyReviews = (): SandboxReviews => ({ pended: {}, sequence: 0 });

const iso = (d: string): string => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

function spanOf(event: PatientEvent278): { from: string; to: string } | undefined {
  const dates = [...(event.dates ?? []), ...(event.services ?? []).flatMap((s) => s.dates ?? [])];
  const range = dates.find((d) => d.format === 'RD8');
  if (range) {
    const [a, b] = range.value.split('-') as [string, string];
    return { from: iso(a), to: iso(b) };
  }
  const day = dates.find((d) => d.format === 'D8');
  return day ? { from: iso(day.value), to: iso(day.value) } : undefined;
}

function decideService(s: Service278, plan: SandboxPlan): { decision: Decision278; units?: string } {
  const code = s.professional?.procedure.code ?? s.institutional?.procedure?.code;
  const asked = s.professional?.quantity ?? s.institutional?.quantity;
  if (!code || plan.feeSchedule[code] === undefined) return { decision: { actionCode: 'A3', reasonCode: 'NP' } };
  if (code.startsWith('97') && asked !== undefined && Number(asked) > THERAPY_UNIT_CAP)
    return { decision: { actionCode: 'A2', reasonCode: 'UN' }, units: String(THERAPY_UNIT_CAP) };
  return { decision: { actionCode: 'A1' } };
}

/** The event's HCR01 from its services': all alike → that; some certified → A2; else A3. */
function overall(codes: readonly string[]): string {
  if (codes.length > 0 && codes.every((c) => c === codes[0])) return codes[0] as string;
  return codes.some((c) => c === 'A1' || c === 'A2') ? 'A2' : 'A3';
}

/** What {@link answer278} returns: the response model and the payer's memory after it. */
export interface Review278Answer {
  response: Review278Document;
  state: SandboxState;
  reviews: SandboxReviews;
}

/**
 * Answers one 278 request (`today` is `YYYY-MM-DD`, `date`/`time` the BHT stamp). Pure: returns the
 * new state instead of changing it.
 */
export function answer278(
  request: Review278Document,
  plan: SandboxPlan,
  state: SandboxState,
  reviews: SandboxReviews,
  stamp: { today: string; date: string; time: string; reviewDays: number },
): Review278Answer {
  const requester = request.umo.requester;
  const sub = requester?.subscriber;
  const event = sub?.dependent?.event ?? sub?.event;
  const memberId = sub?.member.id ?? '';
  const member = memberFor(plan.payerId, memberId, state.members);
  const trace = event?.traces?.[0];
  const base: Review278Document = {
    beginning: { purposeCode: '11', referenceId: request.beginning.referenceId, date: stamp.date, time: stamp.time },
    umo: { name: request.umo.name },
  };
  if (!requester || !sub || !event) return { response: base, state, reviews };
  const respondedMember = {
    entityType: '1',
    lastName: sub.member.lastName,
    firstName: sub.member.firstName,
    idQualifier: 'MI',
    id: memberId,
  };
  const echo = (e: PatientEvent278): PatientEvent278 => ({
    ...(trace ? { traces: [{ ...trace, traceType: '2' }] } : {}),
    ...(e.review ? { review: { ...e.review, facility: undefined } } : {}),
  });
  const respond = (
    answered: PatientEvent278 | undefined,
    memberErrors?: Review278Document['umo']['name']['requestErrors'],
  ): Review278Document => {
    const member = { ...stripUndefined(respondedMember), ...(memberErrors ? { requestErrors: memberErrors } : {}) };
    const subscriber = sub.dependent
      ? {
          member,
          dependent: {
            member: stripUndefined({ entityType: '1', lastName: sub.dependent.member.lastName, firstName: sub.dependent.member.firstName }),
            ...(answered ? { event: answered } : {}),
          },
        }
      : { member, ...(answered ? { event: answered } : {}) };
    return { ...base, umo: { ...base.umo, requester: { name: requester.name, subscriber } } };
  };
  if (!member)
    return { response: respond(undefined, [{ validRequest: 'N', rejectReasonCode: '75', followUpActionCode: 'C' }]), state, reviews };

  const span = spanOf(event) ?? { from: stamp.today, to: stamp.today };
  const issued = [{ qualifier: '102', format: 'D8', value: stamp.today.replaceAll('-', '') }];
  const covered = member.effectiveDate <= span.from && (member.terminationDate === undefined || span.from <= member.terminationDate);
  if (!covered)
    return {
      response: respond({ ...stripUndefined(echo(event)), decision: { actionCode: 'A3', reasonCode: 'NC' }, dates: issued }),
      state,
      reviews,
    };

  const pendKey = `${memberKey(plan.payerId, memberId)}|${trace?.traceNumber ?? request.beginning.referenceId}`;
  if (/^PEND/i.test(memberId)) {
    const first = reviews.pended[pendKey]?.firstAskedOn ?? stamp.today;
    if (stamp.today < addDays(first, stamp.reviewDays)) {
      const next = reviews.pended[pendKey] ? reviews : { ...reviews, pended: { ...reviews.pended, [pendKey]: { firstAskedOn: first } } };
      return {
        response: respond({ ...stripUndefined(echo(event)), decision: { actionCode: 'A4', reasonCode: 'MR' }, dates: issued }),
        state,
        reviews: next,
      };
    }
  }

  const number = `SBX${String(reviews.sequence + 1).padStart(7, '0')}`;
  const services = (event.services ?? []).map((s) => {
    const { decision, units } = decideService(s, plan);
    const certified = decision.actionCode === 'A1' || decision.actionCode === 'A2';
    const answered: Service278 = {
      ...(s.review
        ? { review: { requestCategory: s.review.requestCategory, ...(s.review.serviceType ? { serviceType: s.review.serviceType } : {}) } }
        : {}),
      decision: certified ? { ...decision, reviewNumber: number } : decision,
      dates: [{ qualifier: '472', format: 'RD8', value: `${span.from.replaceAll('-', '')}-${span.to.replaceAll('-', '')}` }],
    };
    if (s.professional) answered.professional = { ...s.professional, ...(units ? { quantity: units } : {}) };
    if (s.institutional) answered.institutional = { ...s.institutional, ...(units ? { quantity: units } : {}) };
    return answered;
  });
  const action = overall(services.map((s) => s.decision?.actionCode ?? 'A3'));
  const certified = action !== 'A3';
  const eventDecision: Decision278 = certified ? { actionCode: action, reviewNumber: number } : { actionCode: 'A3', reasonCode: 'NP' };
  const dates = certified
    ? [
        ...issued,
        { qualifier: '007', format: 'D8', value: span.from.replaceAll('-', '') },
        { qualifier: '036', format: 'D8', value: span.to.replaceAll('-', '') },
      ]
    : issued;
  const response = respond({ ...stripUndefined(echo(event)), decision: eventDecision, dates, services });
  if (!certified) return { response, state, reviews };

  const certifiedServices = services.filter((s) => s.decision?.actionCode === 'A1' || s.decision?.actionCode === 'A2');
  const codes = certifiedServices
    .flatMap((s) => [s.professional?.procedure.code, s.institutional?.procedure?.code, s.institutional?.revenueCode])
    .filter((c): c is string => !!c);
  const units = certifiedServices.map((s) => Number(s.professional?.quantity ?? s.institutional?.quantity ?? NaN));
  const authorization: IssuedAuthorization = { number, codes, validFrom: span.from, validThrough: span.to };
  if (units.every((u) => Number.isFinite(u))) authorization.approvedUnits = Math.max(...units);
  const key = memberKey(plan.payerId, memberId);
  const nextState: SandboxState = {
    ...state,
    members: { ...state.members, [key]: { ...member, authorizations: [...(member.authorizations ?? []), authorization] } },
  };
  const { [pendKey]: _done, ...stillPended } = reviews.pended;
  return { response, state: nextState, reviews: { pended: stillPended, sequence: reviews.sequence + 1 } };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
