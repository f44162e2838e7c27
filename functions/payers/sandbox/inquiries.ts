/**
 * Real-time answers of the sandbox payer, as models of the X12 engine's definitions: a 271 for a 270
 * (eligibility, the plan dates and the member's benefits and accumulators, in and out of network, for
 * each service type asked) and a 277 for a 276 (claim status from the
 * sandbox's memory of its adjudications).
 */
import type {
  Benefit271,
  ClaimStatus276,
  ClaimStatus277,
  Eligibility27x,
  Member,
  Reference,
  Status,
  StatusPatient277,
  StatusTracking,
  Subscriber27x,
} from '#functions/x12/index.ts';
import { CLAIM_REFERENCES_277 } from '#functions/x12/index.ts';
import { memberFor } from './profiles.ts';
import type { SandboxState } from './state.ts';
import type { AdjudicationOutcome, SandboxMember, SandboxPlan } from './types.ts';

const ymd = (d: string): string => d.replaceAll('-', '');
const iso = (d: string): string => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

/** Basis points as an exact X12 decimal: 2000 → "0.2", 1250 → "0.125". */
export function bpsToDecimal(bps: number): string {
  const whole = Math.floor(bps / 10_000);
  const frac = String(bps % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

/** Service types billed with the visit copay (EB01 B): office visit, urgent care; the emergency room at four times it. */
const COPAY_MULTIPLE: Readonly<Record<string, number>> = { 98: 1, UC: 1, 86: 4 };

/** Out of network: the deductible doubles and coinsurance rises by 20 points (at most 100%). */
const outOfNetworkBps = (bps: number): number => Math.min(10_000, bps + 2000);

/**
 * The cost shares of one service type the 270 asked about (EB03), in network (EB12 Y) and out of
 * network (N): coinsurance, and the copay for visit types. Deductible and out-of-pocket apply plan-wide (30).
 */
function serviceTypeBenefits(serviceType: string, cs: SandboxMember['costShare']): Benefit271[] {
  const out: Benefit271[] = [
    { benefitCode: 'A', coverageLevel: 'IND', serviceTypes: [serviceType], percent: bpsToDecimal(cs.coinsuranceBps), inPlanNetwork: 'Y' },
    {
      benefitCode: 'A',
      coverageLevel: 'IND',
      serviceTypes: [serviceType],
      percent: bpsToDecimal(outOfNetworkBps(cs.coinsuranceBps)),
      inPlanNetwork: 'N',
    },
  ];
  const multiple = COPAY_MULTIPLE[serviceType];
  if (multiple && cs.copayCents > 0)
    out.push({
      benefitCode: 'B',
      coverageLevel: 'IND',
      serviceTypes: [serviceType],
      timePeriod: '27',
      amountCents: cs.copayCents * multiple,
      inPlanNetwork: 'Y',
    });
  return out;
}

function benefitsOf(m: SandboxMember, plan: SandboxPlan, asOf: string, asked: readonly string[] = []): Benefit271[] {
  const active = m.effectiveDate <= asOf && (m.terminationDate === undefined || asOf <= m.terminationDate);
  if (!active) {
    return [{ benefitCode: '6', coverageLevel: 'IND', serviceTypes: ['30'] }];
  }
  const cs = m.costShare;
  const acc = m.accumulators;
  const coverage: Benefit271 = {
    benefitCode: '1',
    coverageLevel: 'IND',
    serviceTypes: ['30'],
    insuranceType: plan.claimFilingIndicator === 'MB' ? 'MB' : 'C1',
    planCoverageDescription: plan.name.slice(0, 50),
  };
  const out: Benefit271[] = [
    coverage,
    { benefitCode: 'C', coverageLevel: 'IND', serviceTypes: ['30'], timePeriod: '23', amountCents: cs.deductibleCents, inPlanNetwork: 'Y' },
    {
      benefitCode: 'C',
      coverageLevel: 'IND',
      serviceTypes: ['30'],
      timePeriod: '29',
      amountCents: Math.max(0, cs.deductibleCents - acc.deductibleMetCents),
      inPlanNetwork: 'Y',
    },
    { benefitCode: 'A', coverageLevel: 'IND', serviceTypes: ['30'], percent: bpsToDecimal(cs.coinsuranceBps), inPlanNetwork: 'Y' },
    {
      benefitCode: 'G',
      coverageLevel: 'IND',
      serviceTypes: ['30'],
      timePeriod: '23',
      amountCents: cs.outOfPocketMaxCents,
      inPlanNetwork: 'Y',
    },
    {
      benefitCode: 'G',
      coverageLevel: 'IND',
      serviceTypes: ['30'],
      timePeriod: '29',
      amountCents: Math.max(0, cs.outOfPocketMaxCents - acc.outOfPocketMetCents),
      inPlanNetwork: 'Y',
    },
  ];
  if (cs.copayCents > 0)
    out.push({
      benefitCode: 'B',
      coverageLevel: 'IND',
      serviceTypes: ['98'],
      timePeriod: '27',
      amountCents: cs.copayCents,
      inPlanNetwork: 'Y',
    });
  out.push(
    {
      benefitCode: 'C',
      coverageLevel: 'IND',
      serviceTypes: ['30'],
      timePeriod: '23',
      amountCents: cs.deductibleCents * 2,
      inPlanNetwork: 'N',
    },
    {
      benefitCode: 'A',
      coverageLevel: 'IND',
      serviceTypes: ['30'],
      percent: bpsToDecimal(outOfNetworkBps(cs.coinsuranceBps)),
      inPlanNetwork: 'N',
    },
  );
  for (const type of new Set(asked)) if (type !== '30') out.push(...serviceTypeBenefits(type, cs));
  if (plan.authorizationRequiredCodes.length)
    out.push({
      benefitCode: '1',
      serviceTypes: ['30'],
      authorizationRequired: 'Y',
      messages: [{ text: `PRIOR AUTHORIZATION REQUIRED FOR ${plan.authorizationRequiredCodes.slice(0, 8).join(' ')}`.slice(0, 264) }],
    });
  if (m.otherCoveragePrimary) out.push({ benefitCode: 'R', serviceTypes: ['30'], messages: [{ text: 'OTHER COVERAGE IS PRIMARY' }] });
  return out;
}

function answerMember(req: Member, plan: SandboxPlan, state: SandboxState, today: string): Member {
  const out: Member = { entityType: req.entityType };
  for (const k of ['lastName', 'firstName', 'middleName', 'suffix', 'idQualifier', 'id'] as const)
    if (req[k] !== undefined) out[k] = req[k];
  if (req.demographics) out.demographics = req.demographics;
  const m = req.id ? memberFor(plan.payerId, req.id, state.members) : undefined;
  if (!m) {
    // AAA*Y**75*C: subscriber/insured not found; correct and resubmit.
    out.requestErrors = [{ validRequest: 'Y', rejectReasonCode: '75', followUpActionCode: 'C' }];
    return out;
  }
  const dtp = req.dates?.find((d) => d.qualifier === '291' && /^\d{8}$/.test(d.value));
  const asOf = dtp ? iso(dtp.value) : today;
  // The plan's begin and end are the member's dates (2100C DTP 346/347, as the guide's examples
  // carry them), not a benefit's: X279A1 lists 347 in 2100C only.
  out.dates = [{ qualifier: '346', format: 'D8', value: ymd(m.effectiveDate) }];
  if (m.terminationDate) out.dates.push({ qualifier: '347', format: 'D8', value: ymd(m.terminationDate) });
  out.dates.push({ qualifier: '291', format: 'D8', value: ymd(asOf) });
  const asked = (req.inquiries ?? []).flatMap((q) => q.serviceTypes ?? []);
  out.benefits = benefitsOf(m, plan, asOf, asked);
  return out;
}

/** The 271 answering a 270 model. `today` and `time` (HHMM) stamp the BHT. */
export function answer270(req: Eligibility27x, plan: SandboxPlan, state: SandboxState, today: string, time: string): Eligibility27x {
  return {
    beginning: {
      purposeCode: '11',
      ...(req.beginning.referenceId ? { referenceId: req.beginning.referenceId } : {}),
      date: ymd(today),
      time,
    },
    sources: req.sources.map((s) => ({
      source: { entityCode: 'PR', entityType: '2', lastName: plan.name, idQualifier: 'PI', id: plan.payerId },
      receivers: s.receivers.map((r) => {
        const subscribers: Subscriber27x[] = (r.subscribers ?? []).map((sub) => {
          const answered: Subscriber27x = { member: answerMember(sub.member, plan, state, today) };
          if (sub.traces?.length) answered.traces = sub.traces.map((t) => ({ ...t, traceType: '2' }));
          return answered;
        });
        return { receiver: { ...r.receiver }, subscribers };
      }),
    })),
  };
}

/** STC for a claim's latest outcome, or "not found". */
export function statusOf(outcome: AdjudicationOutcome | undefined, today: string): Status {
  const date = ymd(today);
  if (!outcome) return { status: { categoryCode: 'A4', statusCode: '35' }, statusDate: date };
  switch (outcome.kind) {
    case 'rejected':
      return {
        status: {
          categoryCode: outcome.category,
          statusCode: outcome.statusCode,
          ...(outcome.entityCode ? { entityCode: outcome.entityCode } : {}),
        },
        statusDate: date,
      };
    case 'pended':
      return { status: { categoryCode: 'P1', statusCode: '20' }, statusDate: date };
    case 'adjudicated': {
      const paid = outcome.paidCents > 0;
      return {
        status:
          outcome.statusCode === '4'
            ? { categoryCode: 'F2', statusCode: '88', entityCode: 'QC' }
            : paid
              ? { categoryCode: 'F1', statusCode: '65' }
              : { categoryCode: 'F0', statusCode: '3' },
        statusDate: date,
        chargeCents: outcome.chargeCents,
        paymentCents: outcome.paidCents,
        adjudicationDate: ymd(outcome.adjudicatedDate),
      };
    }
  }
}

function answerTracking(t: StatusTracking, payerId: string, state: SandboxState, today: string): StatusTracking {
  const pcn = t.references?.find((r) => r.qualifier === 'EJ')?.value ?? t.traceNumber;
  const icn = t.references?.find((r) => r.qualifier === '1K')?.value;
  const byIcn = icn ? state.claims[icn] : undefined;
  const outcome = byIcn && !byIcn.reversedBy ? byIcn.adjudication : state.latest[`${payerId}|${pcn}`];
  const out: StatusTracking = { traceType: '2', traceNumber: t.traceNumber, statuses: [statusOf(outcome, today)] };
  // The 277 echoes the references it carries (LU and 6P are the 276's only), each once, with the
  // payer's claim number (1K) first when the claim was adjudicated; the 1K a 276 asked with is never
  // echoed (a claim not found has no payer claim number).
  const refs: Reference[] = outcome?.kind === 'adjudicated' ? [{ qualifier: '1K', value: outcome.payerClaimControlNumber }] : [];
  for (const r of t.references ?? [])
    if (r.qualifier !== '1K' && CLAIM_REFERENCES_277.includes(r.qualifier) && !refs.some((x) => x.qualifier === r.qualifier)) refs.push(r);
  if (refs.length) out.references = refs;
  if (t.dates?.length) out.dates = t.dates;
  return out;
}

/**
 * The 277 answering a 276 model, claim by claim. It holds only what a 277 carries: the 276's
 * demographics (DMG in 2000D/2000E) are not echoed, since the 277 has no DMG. The provider's names
 * (one or two 2100C) are echoed as asked.
 */
export function answer276(req: ClaimStatus276, plan: SandboxPlan, state: SandboxState, today: string, time: string): ClaimStatus277 {
  return {
    beginning: {
      purposeCode: '08',
      ...(req.beginning.referenceId ? { referenceId: req.beginning.referenceId } : {}),
      date: ymd(today),
      time,
      transactionTypeCode: 'DG',
    },
    sources: req.sources.map((s) => ({
      name: s.name,
      receivers: s.receivers.map((r) => ({
        name: r.name,
        providers: (r.providers ?? []).map((p) => ({
          name: p.name,
          subscribers: (p.subscribers ?? []).map((sub) => {
            const out: StatusPatient277 = { levelCode: sub.levelCode, name: sub.name };
            if (sub.claims) out.claims = sub.claims.map((t) => answerTracking(t, plan.payerId, state, today));
            if (sub.dependents)
              out.dependents = sub.dependents.map((d) => ({
                name: d.name,
                ...(d.claims ? { claims: d.claims.map((t) => answerTracking(t, plan.payerId, state, today)) } : {}),
              }));
            return out;
          }),
        })),
      })),
    })),
  };
}
