/**
 * A patient cost estimate from the payer's stored eligibility answer and its fee schedule, line by
 * line, the way the payer will adjudicate: allowed = min(charge, allowed per unit × units); then the
 * deductible that remains, coinsurance on the rest, the copay for the service type (at most what is
 * left), each capped by what remains of the out-of-pocket maximum. Integer cents, rounded half up.
 * Pure: the caller finds the answer and the fee schedule.
 */
import type { EligibilityAnswer, EstimateLine, PlannedService, ServiceBenefits } from '#schemas/eligibility.ts';
import { formatDollars } from '#functions/accounts/money.ts';
import { benefitsFor, serviceTypeOfProcedure } from './benefits.ts';

/** Basis points as a percent people read, in integers only: 2000 → "20%", 1250 → "12.5%". */
function percent(bps: number): string {
  const fraction = String(bps % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${Math.floor(bps / 100)}${fraction ? `.${fraction}` : ''}%`;
}

/** a × n / d rounded half up, for non-negative integers. */
function mulDivHalfUp(a: number, n: number, d: number): number {
  return Math.floor((a * n + Math.floor(d / 2)) / d);
}

/** The allowed amount of a line: the fee schedule's per-unit amount times the units, never above the charge. */
function allowedOf(
  service: PlannedService,
  allowedAmounts: Readonly<Record<string, number>>,
): Pick<EstimateLine, 'allowedCents' | 'allowedFrom'> {
  const perUnit = allowedAmounts[service.procedureCode];
  if (perUnit === undefined) return { allowedCents: service.chargeCents, allowedFrom: 'charge' };
  // Units to thousandths, as the payer prices fractional units.
  const thousandths = Math.round(service.units * 1000);
  return { allowedCents: Math.min(service.chargeCents, mulDivHalfUp(perUnit, thousandths, 1000)), allowedFrom: 'fee-schedule' };
}

/** What an estimate is computed from. */
export interface EstimateInput {
  readonly answer: EligibilityAnswer;
  readonly services: readonly PlannedService[];
  /** The payer's allowed amount per unit by code (its fee schedule); empty: the charges stand. */
  readonly allowedAmounts: Readonly<Record<string, number>>;
  readonly network: ServiceBenefits['network'];
}

/** The estimate's figures (the API adds the ids). */
export interface Estimate {
  readonly deductibleRemainingCents: number;
  readonly outOfPocketRemainingCents?: number;
  readonly lines: EstimateLine[];
  readonly totalChargeCents: number;
  readonly totalAllowedCents: number;
  readonly patientCents: number;
  readonly insuranceCents: number;
  readonly notes: string[];
}

/** Estimates what the patient will likely owe for the planned services; see the module comment. */
export function estimatePatientCost(input: EstimateInput): Estimate {
  const notes: string[] = [];
  const plan = benefitsFor(input.answer.benefits, '30', input.network);
  let deductibleLeft = plan?.deductibleRemainingCents ?? plan?.deductibleCents ?? 0;
  let oopLeft = plan?.outOfPocketRemainingCents;
  const startDeductible = deductibleLeft;
  const startOop = oopLeft;
  if (!input.answer.active)
    notes.push(
      `coverage not confirmed active on ${input.answer.dateOfService} (271 trace ${input.answer.traceNumber}): the patient may owe every charge`,
    );
  else {
    if (plan?.deductibleRemainingCents === undefined && plan?.deductibleCents !== undefined)
      notes.push('the payer did not say what remains of the deductible: the whole deductible is assumed');
    if (oopLeft === undefined) notes.push('the payer did not say what remains of the out-of-pocket maximum: no cap applied');
    if (input.network === 'out')
      notes.push('out of network: the provider may also bill the difference between the charge and the allowed amount');
  }

  const lines = input.services.map((service): EstimateLine => {
    const serviceTypeCode = service.serviceTypeCode ?? serviceTypeOfProcedure(service.procedureCode);
    const base = { procedureCode: service.procedureCode, units: service.units, serviceTypeCode, chargeCents: service.chargeCents };
    if (!input.answer.active) {
      const c = service.chargeCents;
      return {
        ...base,
        allowedCents: c,
        allowedFrom: 'charge',
        deductibleCents: 0,
        coinsuranceCents: 0,
        copayCents: 0,
        patientCents: c,
        basis: [{ step: 'allowed', amountCents: c, note: 'no active coverage: the charge' }],
      };
    }
    const { allowedCents, allowedFrom } = allowedOf(service, input.allowedAmounts);
    if (allowedFrom === 'charge') notes.push(`${service.procedureCode}: no allowed amount on file, the charge is used`);
    const shares = benefitsFor(input.answer.benefits, serviceTypeCode, input.network);
    const basis: EstimateLine['basis'] = [
      {
        step: 'allowed',
        amountCents: allowedCents,
        note:
          allowedFrom === 'fee-schedule'
            ? `fee schedule ${formatDollars(input.allowedAmounts[service.procedureCode]!)} per unit x ${service.units}, at most the charge ${formatDollars(service.chargeCents)}`
            : `the charge ${formatDollars(service.chargeCents)}`,
      },
    ];
    let deductible = Math.min(allowedCents, deductibleLeft);
    const rest = allowedCents - deductible;
    const bps = shares?.coinsuranceBps ?? 0;
    let coinsurance = mulDivHalfUp(rest, bps, 10_000);
    let copay = shares?.copayCents !== undefined ? Math.min(shares.copayCents, rest - coinsurance) : 0;
    const before = deductible + coinsurance + copay;
    if (oopLeft !== undefined) {
      deductible = Math.min(deductible, oopLeft);
      oopLeft -= deductible;
      coinsurance = Math.min(coinsurance, oopLeft);
      oopLeft -= coinsurance;
      copay = Math.min(copay, oopLeft);
      oopLeft -= copay;
    }
    basis.push({
      step: 'deductible',
      amountCents: deductible,
      note: `deductible: ${formatDollars(deductible)} of ${formatDollars(deductibleLeft)} remaining`,
    });
    deductibleLeft -= deductible;
    basis.push({
      step: 'coinsurance',
      amountCents: coinsurance,
      note: `coinsurance ${percent(bps)} of ${formatDollars(rest)} after the deductible`,
    });
    if (shares?.copayCents !== undefined)
      basis.push({
        step: 'copay',
        amountCents: copay,
        note: `copay ${formatDollars(shares.copayCents)} for service type ${serviceTypeCode}`,
      });
    const patientCents = deductible + coinsurance + copay;
    if (patientCents < before)
      basis.push({
        step: 'out-of-pocket-cap',
        amountCents: patientCents - before,
        note: `capped by the out-of-pocket maximum: ${formatDollars(oopLeft ?? 0)} remains after this line`,
      });
    return {
      ...base,
      allowedCents,
      allowedFrom,
      deductibleCents: deductible,
      coinsuranceCents: coinsurance,
      copayCents: copay,
      patientCents,
      basis,
    };
  });

  const totalChargeCents = lines.reduce((s, l) => s + l.chargeCents, 0);
  const totalAllowedCents = lines.reduce((s, l) => s + l.allowedCents, 0);
  const patientCents = lines.reduce((s, l) => s + l.patientCents, 0);
  return {
    deductibleRemainingCents: startDeductible,
    ...(startOop !== undefined && input.answer.active ? { outOfPocketRemainingCents: startOop } : {}),
    lines,
    totalChargeCents,
    totalAllowedCents,
    patientCents,
    insuranceCents: totalAllowedCents - patientCents,
    notes: [...new Set(notes)].map((n) => n.slice(0, 200)),
  };
}
