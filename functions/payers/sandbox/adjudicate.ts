/**
 * Deterministic adjudication by the sandbox payer. Pure: the clock (`today`, `receivedDate`) is an
 * input, and the payer's memory is a {@link SandboxState} value returned anew.
 *
 * Order of decisions (the first that applies wins; the trigger table in triggers.ts lists them all):
 * 1. Front door (277CA rejection, no adjudication): billing NPI check digit (A7:562:85), unknown member
 *    (A3:33:IL), no diagnosis (A7:255), a date of service after `today` (A7:187), total charge not the
 *    sum of the lines (A7:178), a replacement/void whose original is unknown or already replaced (A7:21).
 * 2. Pend: member id prefix `PEND` or note (NTE) `SBX-PEND` pends until `receivedDate + plan.pendDays`.
 * 3. Void (frequency 8): a reversal (CLP02 22) of the original. Replacement (7): the reversal, then the
 *    corrected claim adjudicated as new.
 * 4. Claim-level denial of every line: CO-18 duplicate, CO-26/CO-27 coverage not in force, CO-29
 *    timely filing, CO-22 another payer primary, CO-16 + MA04/N479 secondary claim without the primary's
 *    adjudication, CO-16 + MA130/N290 invalid rendering NPI.
 * 5. Line denials: CO-16 + M51 no procedure, CO-96 + N130 not in the fee schedule, CO-4 modifier rule,
 *    CO-197 + M62 authorization required and absent (+ N54 when the member's issued authorizations do not
 *    cover it), CO-198 + N362 units beyond the authorization, CO-97 + M80 bundled, CO-50 medical necessity.
 * 6. Pricing: allowed = min(charge, fee per unit × units, rounded half up); CO-45 = charge − allowed.
 *    Primary: PR-1 deductible, then PR-2 coinsurance (basis points of what is left after the
 *    deductible, rounded half up), then PR-3 copay (copay codes only, at most what is left), each then
 *    capped in that order by what remains of the out-of-pocket maximum; paid = allowed − patient share.
 *    Secondary (claim carries the prior payer's adjudication): pays min(prior patient responsibility,
 *    max(0, own allowed − prior paid)); its payment is taken from the prior PR-1, then PR-2, then PR-3;
 *    the rest of the prior PR stays PR with the same reasons; the remainder of the charge is CO-23.
 *    A secondary's own accumulators are not changed.
 */
import { isValidNpi } from '#functions/claims/identifiers.ts';
import { addDays, basisPoints, daysBetween, mulDivHalfUp, unitsInThousandths } from './money.ts';
import { memberFor, memberKey, memberPrefix } from './profiles.ts';
import { fingerprint } from './state.ts';
import { claimDenial, lineDenial, type Denial } from './denial-rules.ts';
import type { ClaimRecord, SandboxState } from './state.ts';
import type {
  Accumulators,
  AdjudicationOutcome,
  ClaimAdjudication,
  LineAdjudication,
  PendedClaim,
  RejectedClaim,
  SandboxAdjustment,
  SandboxClaim,
  SandboxLine,
  SandboxMember,
  SandboxPlan,
} from './types.ts';

export interface AdjudicationContext {
  /** The simulated clock's date: the adjudication date. */
  today: string;
  /** When the payer received the claim (timely filing and interest run from here); defaults to `today`. */
  receivedDate?: string;
  /** Denial reasons (e.g. `CO-197`) overturned on appeal: their checks are skipped. */
  waive?: ReadonlySet<string>;
  /**
   * Update the given state's records in place instead of copying them (the result's `state` is then the
   * same object). For an owner of the state, such as SandboxPayer: copying is O(claims) per claim.
   */
  inPlace?: boolean;
}

/** Sets `key` in a record, copying the record unless `inPlace`. */
function put<T>(record: Readonly<Record<string, T>>, key: string, value: T, inPlace: boolean): Record<string, T> {
  if (inPlace) {
    (record as Record<string, T>)[key] = value;
    return record as Record<string, T>;
  }
  return { ...record, [key]: value };
}

/** The state with its top-level fields replaced (in place, or as a new object). */
function update(state: SandboxState, fields: Partial<SandboxState>, inPlace: boolean): SandboxState {
  return inPlace ? Object.assign(state, fields) : { ...state, ...fields };
}

export interface AdjudicationResult {
  /** One outcome, or a reversal followed by the corrected claim's outcome. */
  outcomes: AdjudicationOutcome[];
  state: SandboxState;
}

function reject(claim: SandboxClaim, category: 'A3' | 'A7', statusCode: string, reason: string, entityCode?: string): RejectedClaim {
  const r: RejectedClaim = {
    kind: 'rejected',
    patientControlNumber: claim.patientControlNumber,
    payerId: claim.payerId,
    category,
    statusCode,
    reason,
  };
  if (entityCode) r.entityCode = entityCode;
  return r;
}

/** Front-door edits: a rejection, or undefined when the claim enters adjudication. */
export function frontDoor(claim: SandboxClaim, state: SandboxState, today: string, plan?: SandboxPlan): RejectedClaim | undefined {
  if (!isValidNpi(claim.billingProviderNpi)) return reject(claim, 'A7', '562', 'billing provider NPI is invalid', '85');
  if (claim.renderingProviderNpi && plan?.unenrolledRenderingNpis?.includes(claim.renderingProviderNpi))
    return reject(claim, 'A7', '562', 'rendering provider is not enrolled with the payer', '82');
  if (!currentMember(claim, state)) return reject(claim, 'A3', '33', 'subscriber and subscriber id not found', 'IL');
  if (claim.diagnoses.length === 0) return reject(claim, 'A7', '255', 'principal diagnosis is missing');
  if (claim.lines.some((l) => l.serviceDate > today)) return reject(claim, 'A7', '187', 'date of service is in the future');
  const sum = claim.lines.reduce((s, l) => s + l.chargeCents, 0);
  if (sum !== claim.totalChargeCents) return reject(claim, 'A7', '178', 'total charge is not the sum of the line charges');
  if (claim.frequencyCode !== '1' && !liveOriginal(claim, state))
    return reject(claim, 'A7', '21', 'the claim to replace or void is unknown or already replaced');
  return undefined;
}

function currentMember(claim: SandboxClaim, state: SandboxState): SandboxMember | undefined {
  return memberFor(claim.payerId, claim.memberId, state.members);
}

function liveOriginal(claim: SandboxClaim, state: SandboxState): ClaimRecord | undefined {
  const n = claim.originalPayerClaimNumber;
  if (!n) return undefined;
  const rec = state.claims[n];
  if (!rec || rec.reversedBy || rec.adjudication.payerId !== claim.payerId) return undefined;
  return rec;
}

function isPendScenario(claim: SandboxClaim): boolean {
  return memberPrefix(claim.memberId).startsWith('PEND') || claim.notes.some((n) => n.trim().toUpperCase() === 'SBX-PEND');
}

/** Adjudicates one claim against `plan`. */
export function adjudicate(claim: SandboxClaim, plan: SandboxPlan, state: SandboxState, ctx: AdjudicationContext): AdjudicationResult {
  const received = ctx.receivedDate ?? ctx.today;
  const inPlace = ctx.inPlace === true;
  const record = (outcome: AdjudicationOutcome, s: SandboxState): SandboxState =>
    update(s, { latest: put(s.latest, `${claim.payerId}|${claim.patientControlNumber}`, outcome, inPlace) }, inPlace);
  if (claim.payerId !== plan.payerId) throw new RangeError('the claim is billed to another payer than the plan given');
  const rejected = frontDoor(claim, state, ctx.today, plan);
  if (rejected) return { outcomes: [rejected], state: record(rejected, state) };
  if (isPendScenario(claim) && daysBetween(received, ctx.today) < plan.pendDays) {
    const pended: PendedClaim = {
      kind: 'pended',
      patientControlNumber: claim.patientControlNumber,
      payerId: claim.payerId,
      until: addDays(received, plan.pendDays),
      reason: 'pended for medical review',
    };
    return { outcomes: [pended], state: record(pended, state) };
  }
  const outcomes: AdjudicationOutcome[] = [];
  let s = state;
  if (claim.frequencyCode !== '1') {
    const original = liveOriginal(claim, s) as ClaimRecord;
    const reversed = reverse(original, s, ctx.today, inPlace);
    outcomes.push(reversed.reversal);
    s = reversed.state;
    if (claim.frequencyCode === '8') return { outcomes, state: record(reversed.reversal, s) };
  }
  const fresh = adjudicateNew(claim, plan, s, ctx, received);
  outcomes.push(fresh.adjudication);
  return { outcomes, state: record(fresh.adjudication, fresh.state) };
}

/** Negates an adjudication as CLP02 22 and undoes its accumulator changes. */
export function reverse(
  original: ClaimRecord,
  state: SandboxState,
  today: string,
  inPlace = false,
): { reversal: ClaimAdjudication; state: SandboxState } {
  const a = original.adjudication;
  const neg = (x: number): number => (x === 0 ? 0 : -x);
  const reversal: ClaimAdjudication = {
    ...a,
    statusCode: '22',
    chargeCents: neg(a.chargeCents),
    paidCents: neg(a.paidCents),
    patientResponsibilityCents: neg(a.patientResponsibilityCents),
    adjudicatedDate: today,
    accumulatorDelta: {
      deductibleMetCents: neg(a.accumulatorDelta.deductibleMetCents),
      outOfPocketMetCents: neg(a.accumulatorDelta.outOfPocketMetCents),
    },
    lines: a.lines.map((l) => ({
      ...l,
      chargeCents: neg(l.chargeCents),
      allowedCents: neg(l.allowedCents),
      paidCents: neg(l.paidCents),
      adjustments: l.adjustments.map((x) => ({ ...x, amountCents: neg(x.amountCents) })),
    })),
  };
  const key = memberKey(a.payerId, a.memberId);
  let members = state.members;
  const m = members[key];
  if (m) {
    members = put(
      members,
      key,
      {
        ...m,
        accumulators: {
          deductibleMetCents: Math.max(0, m.accumulators.deductibleMetCents - a.accumulatorDelta.deductibleMetCents),
          outOfPocketMetCents: Math.max(0, m.accumulators.outOfPocketMetCents - a.accumulatorDelta.outOfPocketMetCents),
        },
      },
      inPlace,
    );
  }
  const fp = fingerprint(original.claim);
  let fingerprints = state.fingerprints;
  if (fingerprints[fp] === a.payerClaimControlNumber) {
    fingerprints = inPlace ? fingerprints : { ...fingerprints };
    delete (fingerprints as Record<string, string>)[fp];
  }
  const claims = put(state.claims, a.payerClaimControlNumber, { ...original, reversedBy: `reversal ${today}` }, inPlace);
  return { reversal, state: update(state, { members, fingerprints, claims }, inPlace) };
}

function split(reason: string): { group: SandboxAdjustment['group']; code: string } {
  const [group, code] = reason.split('-') as [SandboxAdjustment['group'], string];
  return { group, code };
}

function baseLine(l: SandboxLine): Omit<LineAdjudication, 'allowedCents' | 'paidCents' | 'adjustments' | 'remarks'> {
  const out: Omit<LineAdjudication, 'allowedCents' | 'paidCents' | 'adjustments' | 'remarks'> = {
    lineNumber: l.lineNumber,
    modifiers: [...l.modifiers],
    units: l.units,
    chargeCents: l.chargeCents,
    serviceDate: l.serviceDate,
  };
  if (l.procedureCode !== undefined) out.procedureCode = l.procedureCode;
  if (l.revenueCode !== undefined) out.revenueCode = l.revenueCode;
  return out;
}

function deniedLine(l: SandboxLine, d: Denial, remarks = true): LineAdjudication {
  const { group, code } = split(d.reason);
  return {
    ...baseLine(l),
    allowedCents: 0,
    paidCents: 0,
    adjustments: l.chargeCents === 0 ? [] : [{ group, reason: code, amountCents: l.chargeCents }],
    remarks: remarks ? [...d.remarks] : [],
  };
}

function allowedFor(l: SandboxLine, plan: SandboxPlan): number {
  const fee =
    (l.procedureCode !== undefined ? plan.feeSchedule[l.procedureCode] : undefined) ??
    (l.revenueCode !== undefined ? plan.revenueSchedule[l.revenueCode] : undefined) ??
    0;
  return Math.min(l.chargeCents, mulDivHalfUp(fee, unitsInThousandths(l.units), 1000));
}

function primaryLine(l: SandboxLine, plan: SandboxPlan, member: SandboxMember, acc: Accumulators): LineAdjudication {
  const allowed = allowedFor(l, plan);
  const cs = member.costShare;
  let oopLeft = Math.max(0, cs.outOfPocketMaxCents - acc.outOfPocketMetCents);
  let deductible = Math.min(allowed, Math.max(0, cs.deductibleCents - acc.deductibleMetCents));
  const rest = allowed - deductible;
  let coinsurance = basisPoints(rest, cs.coinsuranceBps);
  let copay = l.procedureCode !== undefined && plan.copayCodes.includes(l.procedureCode) ? Math.min(cs.copayCents, rest - coinsurance) : 0;
  deductible = Math.min(deductible, oopLeft);
  oopLeft -= deductible;
  coinsurance = Math.min(coinsurance, oopLeft);
  oopLeft -= coinsurance;
  copay = Math.min(copay, oopLeft);
  acc.deductibleMetCents += deductible;
  acc.outOfPocketMetCents += deductible + coinsurance + copay;
  const adjustments: SandboxAdjustment[] = [];
  if (l.chargeCents > allowed) adjustments.push({ group: 'CO', reason: '45', amountCents: l.chargeCents - allowed });
  if (deductible > 0) adjustments.push({ group: 'PR', reason: '1', amountCents: deductible });
  if (coinsurance > 0) adjustments.push({ group: 'PR', reason: '2', amountCents: coinsurance });
  if (copay > 0) adjustments.push({ group: 'PR', reason: '3', amountCents: copay });
  return { ...baseLine(l), allowedCents: allowed, paidCents: allowed - deductible - coinsurance - copay, adjustments, remarks: [] };
}

const PR_ORDER = ['1', '2', '3'];

function secondaryLine(l: SandboxLine, plan: SandboxPlan, claim: SandboxClaim): LineAdjudication {
  const allowed = allowedFor(l, plan);
  const prior = claim.priorPayer?.lines.find((p) => p.lineNumber === l.lineNumber);
  const priorPaid = prior?.paidCents ?? 0;
  // The prior payer's patient responsibility, by reason, in PR-1, PR-2, PR-3, other order, capped at the charge.
  const shares: { reason: string; amountCents: number }[] = [];
  let cap = l.chargeCents;
  const prAdjustments = (prior?.adjustments ?? []).filter((g) => g.groupCode === 'PR').flatMap((g) => g.adjustments);
  prAdjustments.sort((a, b) => rank(a.reasonCode) - rank(b.reasonCode));
  for (const a of prAdjustments) {
    const amt = Math.min(Math.max(0, a.amountCents), cap);
    if (amt > 0) {
      shares.push({ reason: a.reasonCode, amountCents: amt });
      cap -= amt;
    }
  }
  const priorPr = shares.reduce((s, x) => s + x.amountCents, 0);
  const pay = Math.min(priorPr, Math.max(0, allowed - priorPaid));
  let toCover = pay;
  const adjustments: SandboxAdjustment[] = [];
  let leftover = 0;
  for (const sh of shares) {
    const covered = Math.min(sh.amountCents, toCover);
    toCover -= covered;
    const left = sh.amountCents - covered;
    if (left > 0) {
      adjustments.push({ group: 'PR', reason: sh.reason, amountCents: left });
      leftover += left;
    }
  }
  const co23 = l.chargeCents - pay - leftover;
  if (co23 > 0) adjustments.unshift({ group: 'CO', reason: '23', amountCents: co23 });
  return { ...baseLine(l), allowedCents: allowed, paidCents: pay, adjustments, remarks: [] };
}

function rank(reason: string): number {
  const i = PR_ORDER.indexOf(reason);
  return i < 0 ? PR_ORDER.length : i;
}

function adjudicateNew(
  claim: SandboxClaim,
  plan: SandboxPlan,
  state: SandboxState,
  ctx: AdjudicationContext,
  received: string,
): { adjudication: ClaimAdjudication; state: SandboxState } {
  const key = memberKey(claim.payerId, claim.memberId);
  const member = currentMember(claim, state) as SandboxMember;
  const waive = ctx.waive ?? new Set<string>();
  const acc: Accumulators = { ...member.accumulators };
  const denial = claimDenial(claim, plan, member, state, received, waive);
  let lines: LineAdjudication[];
  const remarks: string[] = [];
  if (denial) {
    lines = claim.lines.map((l) => deniedLine(l, denial, false));
    remarks.push(...denial.remarks);
  } else {
    lines = claim.lines.map((l) => {
      const d = lineDenial(l, claim, plan, member, waive);
      if (d) return deniedLine(l, d);
      return claim.priorPayer ? secondaryLine(l, plan, claim) : primaryLine(l, plan, member, acc);
    });
  }
  const paid = lines.reduce((s, l) => s + l.paidCents, 0);
  const pr = lines.reduce((s, l) => s + l.adjustments.filter((a) => a.group === 'PR').reduce((t, a) => t + a.amountCents, 0), 0);
  const sequence = state.sequence + 1;
  const adjudication: ClaimAdjudication = {
    kind: 'adjudicated',
    patientControlNumber: claim.patientControlNumber,
    payerId: plan.payerId,
    memberId: claim.memberId,
    statusCode: paid === 0 && pr === 0 ? '4' : claim.priorPayer ? '2' : '1',
    payerClaimControlNumber: `${plan.payerId}${String(sequence).padStart(8, '0')}`,
    claimFilingIndicator: plan.claimFilingIndicator,
    frequencyCode: claim.frequencyCode,
    chargeCents: claim.totalChargeCents,
    paidCents: paid,
    patientResponsibilityCents: pr,
    lines,
    remarks,
    receivedDate: received,
    adjudicatedDate: ctx.today,
    accumulatorDelta: {
      deductibleMetCents: acc.deductibleMetCents - member.accumulators.deductibleMetCents,
      outOfPocketMetCents: acc.outOfPocketMetCents - member.accumulators.outOfPocketMetCents,
    },
  };
  if (denial) adjudication.denialReason = denial.reason;
  if (claim.patient) adjudication.patient = { ...claim.patient };
  const inPlace = ctx.inPlace === true;
  const next = update(
    state,
    {
      sequence,
      members: put(state.members, key, { ...member, accumulators: acc }, inPlace),
      claims: put(state.claims, adjudication.payerClaimControlNumber, { claim, adjudication }, inPlace),
      fingerprints:
        denial?.reason === 'CO-18'
          ? state.fingerprints
          : put(state.fingerprints, fingerprint(claim), adjudication.payerClaimControlNumber, inPlace),
    },
    inPlace,
  );
  return { adjudication, state: next };
}

/** The prior-payer block of a secondary claim, from the primary's adjudication (what its 835 said). */
export function priorPayerFrom(a: ClaimAdjudication): NonNullable<SandboxClaim['priorPayer']> {
  return {
    payerId: a.payerId,
    paidCents: a.paidCents,
    adjudicatedDate: a.adjudicatedDate,
    lines: a.lines.map((l) => {
      const groups = new Map<string, { reasonCode: string; amountCents: number }[]>();
      for (const x of l.adjustments)
        groups.set(x.group, [...(groups.get(x.group) ?? []), { reasonCode: x.reason, amountCents: x.amountCents }]);
      return {
        lineNumber: l.lineNumber,
        paidCents: l.paidCents,
        adjustments: [...groups].map(([groupCode, adjustments]) => ({ groupCode, adjustments })),
      };
    }),
  };
}
