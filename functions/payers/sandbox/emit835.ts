/**
 * Builds 835 (005010X221A1) payments from adjudications and writes them through the X12 engine.
 * Several claims go under one check or EFT (BPR/TRN); adjustments are at service level (CAS), remarks
 * in LQ*HE and MOA; provider-level adjustments (PLB) carry prompt-pay interest (L6, negative: it adds
 * to the payment), recovery of an earlier overpayment (WO, positive) and, when a payment would go
 * negative, a forward balance (FB, negative) carried to the next payment.
 *
 * Interest (rounding documented): for a paid claim received more than `plan.promptPayDays` before the
 * payment date, interest = paid × interestRateBps × daysLate / (10000 × 365), rounded half up.
 */
import { TS835, writeInterchange } from '#functions/x12/index.ts';
import type {
  AdjustmentGroup,
  ControlNumberSource,
  InterchangeParties,
  ProviderAdjustment835,
  Remittance835,
  Service835,
  Claim835,
} from '#functions/x12/index.ts';
import { daysBetween, mulDivHalfUp } from './money.ts';
import type { ClaimAdjudication, LineAdjudication, SandboxAdjustment, SandboxPlan } from './types.ts';

export interface Payee {
  name: string;
  npi: string;
  /** Federal tax id (REF*TJ), digits only. */
  taxId?: string;
}

export interface PaymentOptions {
  /** CCYY-MM-DD: BPR16 payment date (the simulated clock's today). */
  paymentDate: string;
  /** TRN02: the check or EFT trace number. */
  traceNumber: string;
  method: 'ACH' | 'CHK';
  payee: Payee;
  /** What the provider owes the payer from earlier payments (a positive amount), recovered here (PLB WO). */
  carriedBalanceCents?: number;
  /** Extra recoupments of earlier overpayments (PLB WO), by the payer claim number recouped. */
  recoupments?: { payerClaimControlNumber: string; amountCents: number }[];
}

export interface Payment {
  model: Remittance835;
  /** What the provider still owes the payer after this payment (carry to the next one). */
  carriedBalanceCents: number;
  interestCents: number;
  totalPaymentCents: number;
}

const ymd = (d: string): string => d.replaceAll('-', '');

/** Prompt-pay interest owed on one claim paid on `paymentDate`. */
export function interestFor(a: ClaimAdjudication, plan: SandboxPlan, paymentDate: string): number {
  if (a.statusCode === '22' || a.paidCents <= 0) return 0;
  const late = daysBetween(a.receivedDate, paymentDate) - plan.promptPayDays;
  if (late <= 0) return 0;
  return mulDivHalfUp(a.paidCents, plan.interestRateBps * late, 10_000 * 365);
}

/** Groups adjustments into CAS segments (one per group code, at most six triplets each). */
export function casSegments(adjustments: readonly SandboxAdjustment[]): AdjustmentGroup[] {
  const out: AdjustmentGroup[] = [];
  const order: string[] = [];
  const byGroup = new Map<string, SandboxAdjustment[]>();
  for (const a of adjustments) {
    if (a.amountCents === 0) continue;
    if (!byGroup.has(a.group)) {
      byGroup.set(a.group, []);
      order.push(a.group);
    }
    (byGroup.get(a.group) as SandboxAdjustment[]).push(a);
  }
  for (const g of order) {
    const list = byGroup.get(g) as SandboxAdjustment[];
    for (let i = 0; i < list.length; i += 6) {
      out.push({ groupCode: g, adjustments: list.slice(i, i + 6).map((a) => ({ reasonCode: a.reason, amountCents: a.amountCents })) });
    }
  }
  return out;
}

function service(l: LineAdjudication): Service835 {
  const [m1, m2, m3, m4] = l.modifiers;
  const procedure: Service835['procedure'] =
    l.procedureCode !== undefined ? { qualifier: 'HC', code: l.procedureCode } : { qualifier: 'NU', code: l.revenueCode ?? '' };
  if (l.procedureCode !== undefined) {
    if (m1) procedure.modifier1 = m1;
    if (m2) procedure.modifier2 = m2;
    if (m3) procedure.modifier3 = m3;
    if (m4) procedure.modifier4 = m4;
  }
  const svc: Service835 = {
    procedure,
    chargeCents: l.chargeCents,
    paymentCents: l.paidCents,
    unitsPaid: l.units,
    dates: [{ qualifier: '472', date: ymd(l.serviceDate) }],
  };
  if (l.procedureCode !== undefined && l.revenueCode !== undefined) svc.revenueCode = l.revenueCode;
  const cas = casSegments(l.adjustments);
  if (cas.length) svc.adjustments = cas;
  svc.references = [{ qualifier: '6R', value: String(l.lineNumber) }];
  if (l.allowedCents !== 0) svc.amounts = [{ qualifier: 'B6', amountCents: l.allowedCents }];
  if (l.remarks.length) svc.remarks = l.remarks.map((code) => ({ codeListQualifier: 'HE', code }));
  return svc;
}

/** The CLP loop of one adjudication; NM1*QC carries the member id and, when the claim had it, the name. */
export function claim835(a: ClaimAdjudication): Claim835 {
  const c: Claim835 = {
    patientControlNumber: a.patientControlNumber,
    statusCode: a.statusCode,
    chargeCents: a.chargeCents,
    paymentCents: a.paidCents,
    patientResponsibilityCents: a.patientResponsibilityCents,
    claimFilingIndicator: a.claimFilingIndicator,
    payerClaimControlNumber: a.payerClaimControlNumber,
    frequencyCode: a.frequencyCode,
    patient: { entityType: '1', ...(a.patient ?? {}), idQualifier: 'MI', id: a.memberId },
    dates: [{ qualifier: '050', date: ymd(a.receivedDate) }],
    services: a.lines.map(service),
  };
  if (a.remarks.length) {
    const moa: Record<string, string> = {};
    a.remarks.slice(0, 5).forEach((r, i) => {
      moa[`remarkCode${i + 1}`] = r;
    });
    c.outpatientAdjudication = moa;
  }
  return c;
}

/**
 * Puts adjudications under one payment. Balances by construction: BPR02 = ΣCLP04 − ΣPLB; a payment
 * that would be negative becomes zero (BPR method NON) with the deficit carried forward (PLB FB).
 */
export function buildPayment(adjudications: readonly ClaimAdjudication[], plan: SandboxPlan, opts: PaymentOptions): Payment {
  const fiscal = `${opts.paymentDate.slice(0, 4)}1231`;
  const plb: ProviderAdjustment835['adjustments'] = [];
  let interest = 0;
  for (const a of adjudications) {
    const i = interestFor(a, plan, opts.paymentDate);
    if (i > 0) {
      interest += i;
      plb.push({ reason: { code: 'L6', referenceId: a.payerClaimControlNumber }, amountCents: -i });
    }
  }
  const claimsTotal = adjudications.reduce((s, a) => s + a.paidCents, 0);
  let available = claimsTotal + interest;
  for (const r of opts.recoupments ?? []) {
    if (r.amountCents <= 0) continue;
    plb.push({ reason: { code: 'WO', referenceId: r.payerClaimControlNumber }, amountCents: r.amountCents });
    available -= r.amountCents;
  }
  let carried = Math.max(0, opts.carriedBalanceCents ?? 0);
  if (carried > 0 && available > 0) {
    const recovered = Math.min(carried, available);
    plb.push({ reason: { code: 'WO', referenceId: 'FORWARDBALANCE' }, amountCents: recovered });
    available -= recovered;
    carried -= recovered;
  }
  if (available < 0) {
    plb.push({ reason: { code: 'FB', referenceId: opts.traceNumber }, amountCents: available });
    carried += -available;
    available = 0;
  }
  const total = available;
  const payment: Remittance835['payment'] =
    total === 0
      ? {
          transactionHandlingCode: 'H',
          totalPaymentCents: 0,
          creditDebitFlag: 'C',
          paymentMethod: 'NON',
          paymentDate: ymd(opts.paymentDate),
        }
      : opts.method === 'ACH'
        ? {
            transactionHandlingCode: 'I',
            totalPaymentCents: total,
            creditDebitFlag: 'C',
            paymentMethod: 'ACH',
            paymentFormat: 'CCP',
            senderDfiQualifier: '01',
            senderDfiId: '999999992',
            senderAccountQualifier: 'DA',
            senderAccountNumber: '123456789',
            originatingCompanyId: plan.originatorId,
            receiverDfiQualifier: '01',
            receiverDfiId: '999999991',
            receiverAccountQualifier: 'DA',
            receiverAccountNumber: '987654321',
            paymentDate: ymd(opts.paymentDate),
          }
        : {
            transactionHandlingCode: 'I',
            totalPaymentCents: total,
            creditDebitFlag: 'C',
            paymentMethod: 'CHK',
            paymentDate: ymd(opts.paymentDate),
          };
  const payee: Remittance835['payee'] = { name: opts.payee.name, idQualifier: 'XX', id: opts.payee.npi };
  if (opts.payee.taxId) payee.references = [{ qualifier: 'TJ', value: opts.payee.taxId }];
  const model: Remittance835 = {
    payment,
    trace: { traceType: '1', checkOrEftNumber: opts.traceNumber, originatorId: plan.originatorId },
    productionDate: { date: ymd(opts.paymentDate) },
    payer: {
      name: plan.name,
      idQualifier: 'XV',
      id: plan.payerId,
      address: { line1: '1 SANDBOX PLAZA' },
      city: { city: 'SPRINGFIELD', state: 'IL', postalCode: '62701' },
      contacts: [{ functionCode: 'BL', name: 'PROVIDER SERVICES', numbers: [{ qualifier: 'TE', number: '8005550199' }] }],
    },
    payee,
  };
  if (adjudications.length) model.headers = [{ assignedNumber: 1, claims: adjudications.map(claim835) }];
  if (plb.length) {
    model.providerAdjustments = [];
    for (let i = 0; i < plb.length; i += 6)
      model.providerAdjustments.push({ providerId: opts.payee.npi, fiscalPeriodDate: fiscal, adjustments: plb.slice(i, i + 6) });
  }
  return { model, carriedBalanceCents: carried, interestCents: interest, totalPaymentCents: total };
}

/** Writes payments as one 835 interchange (one ST..SE per payment). */
export function write835(payments: readonly Payment[], parties: InterchangeParties, controls: ControlNumberSource): string {
  return writeInterchange(
    parties,
    payments.map((p) => ({ def: TS835, model: p.model as unknown as Record<string, unknown> })),
    controls,
  );
}
