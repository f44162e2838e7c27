/**
 * A small fixed book for the financial reports: five claims of one account at two payers, their
 * events, ledger entries, six 835 payments, six appeals and twelve work items, with a few records
 * after the as-of date that every report must leave out. The expected figures in reports.test.ts
 * are worked out by hand from this book (the comments say how). Every record passes its contract.
 */
import { appealSchema, type Appeal } from '#schemas/appeal.ts';
import { claimEventSchema, type ClaimEvent } from '#schemas/claim-event.ts';
import { claimSchema, type Claim } from '#schemas/claim.ts';
import { ledgerEntrySchema, type LedgerEntry } from '#schemas/ledger-entry.ts';
import { remittanceSchema, type Remittance } from '#schemas/remittance.ts';
import { workItemSchema, type WorkItem } from '#schemas/work-item.ts';
import type { ReportBook } from '#functions/reports/book.ts';

export const AS_OF = '2026-06-30';
export const ACCOUNT = 'ACC-RPT-1';
export const PAYER_A = 'PAYER-A';
export const PAYER_B = 'PAYER-B';

const at = (date: string) => `${date}T12:00:00.000Z`;

/** A one-line professional claim ending on `lastServiceDate` (its discharge date). */
function claim(n: number, payerId: string, lastServiceDate: string, chargeCents: number, extra: Partial<Claim> = {}): Claim {
  return claimSchema.parse({
    claimId: `CLM-R${n}`,
    accountId: ACCOUNT,
    patientId: 'PAT-R1',
    coverageId: `COV-${payerId}`,
    payerId,
    claimType: '837P',
    patientControlNumber: `PCN-R${n}`,
    frequencyCode: '1',
    status: 'submitted',
    billingProviderId: 'PRV-HOSP',
    diagnoses: [{ code: 'R51.9' }],
    lines: [
      {
        lineNumber: 1,
        procedureCode: '99213',
        modifiers: [],
        diagnosisPointers: [1],
        units: 1,
        serviceDateFrom: lastServiceDate,
        serviceDateTo: lastServiceDate,
        chargeCents,
      },
    ],
    totalChargeCents: chargeCents,
    createdAt: at(lastServiceDate),
    ...extra,
  });
}

// Ages on 2026-06-30: R1 10 days, R2 46, R3 81, R5 107, R4 121 (institutional: statement-through 03-01,
// though its line is dated 02-27: the statement-through date is the discharge date).
export const claims: Claim[] = [
  claim(1, PAYER_A, '2026-06-20', 100_000),
  claim(2, PAYER_A, '2026-05-15', 50_000),
  claim(3, PAYER_B, '2026-04-10', 80_000),
  claim(4, PAYER_B, '2026-02-27', 200_000, {
    claimType: '837I',
    institutional: { typeOfBill: '111', statementFrom: '2026-02-25', statementThrough: '2026-03-01' },
  }),
  claim(5, PAYER_A, '2026-03-15', 30_000),
];

let entryNo = 0;
function entry(claimN: number, kind: LedgerEntry['kind'], date: string, splits: LedgerEntry['splits'], extra: Partial<LedgerEntry> = {}) {
  entryNo += 1;
  return ledgerEntrySchema.parse({
    entryId: `ENT-R${String(entryNo).padStart(2, '0')}`,
    accountId: ACCOUNT,
    kind,
    postingKey: `rpt|${entryNo}`,
    postedAt: at(date),
    splits,
    claimId: `CLM-R${claimN}`,
    ...extra,
  });
}
const primary = (amountCents: number) => [{ responsibility: 'primary' as const, amountCents }];
const toPatient = (amountCents: number) => [
  { responsibility: 'primary' as const, amountCents: -amountCents },
  { responsibility: 'patient' as const, amountCents },
];

export const ledgerEntries: LedgerEntry[] = [
  // R1: billed, unpaid: 100,000 primary (0–30, payer A).
  entry(1, 'charge', '2026-06-21', primary(100_000)),
  // R2: 50,000 − 30,000 paid − 10,000 CO-45 − 10,000 to the patient: 10,000 patient (31–60).
  entry(2, 'charge', '2026-05-16', primary(50_000)),
  entry(2, 'insurance-payment', '2026-06-10', primary(-30_000)),
  entry(2, 'contractual-adjustment', '2026-06-10', primary(-10_000), { reasonCode: 'CO-45' }),
  entry(2, 'transfer', '2026-06-10', toPatient(10_000)),
  // R3: denied, 80,000 primary (61–90, payer B).
  entry(3, 'charge', '2026-04-11', primary(80_000)),
  // R4: 200,000 − 150,000 − 40,000 − 10,000 to the patient, who paid 4,000: 6,000 patient (over 120).
  entry(4, 'charge', '2026-03-02', primary(200_000)),
  entry(4, 'insurance-payment', '2026-04-20', primary(-150_000)),
  entry(4, 'contractual-adjustment', '2026-04-20', primary(-40_000), { reasonCode: 'CO-45' }),
  entry(4, 'transfer', '2026-04-20', toPatient(10_000)),
  entry(4, 'patient-payment', '2026-05-01', [{ responsibility: 'patient', amountCents: -4_000 }]),
  // R5: 30,000 − 20,000 − 5,000, then the payment taken back: 25,000 primary (91–120, payer A).
  entry(5, 'charge', '2026-03-16', primary(30_000)),
  entry(5, 'insurance-payment', '2026-04-25', primary(-20_000)),
  entry(5, 'contractual-adjustment', '2026-04-25', primary(-5_000), { reasonCode: 'CO-45' }),
  entry(5, 'reversal', '2026-05-10', primary(20_000), { reversesEntryId: 'ENT-R13' }),
  // After the as-of date: left out.
  entry(1, 'insurance-payment', '2026-07-05', primary(-50_000)),
];

let eventNo = 0;
function event(claimN: number, date: string, body: Record<string, unknown>): ClaimEvent {
  eventNo += 1;
  return claimEventSchema.parse({ eventId: `EV-R${String(eventNo).padStart(3, '0')}`, claimId: `CLM-R${claimN}`, at: at(date), ...body });
}
const scrubbed = (claimN: number, date: string, errorCount = 0) => event(claimN, date, { type: 'scrubbed', errorCount, warningCount: 0 });
const submitted = (claimN: number, date: string) => event(claimN, date, { type: 'submitted', interchangeControlNumber: '000000001' });
const ack = (claimN: number, date: string, accepted = true) => event(claimN, date, { type: 'acknowledged', source: '277CA', accepted });
const adjudicated = (claimN: number, date: string, remittanceId: string, claimStatusCode: string, paidCents: number, deniedLineCount = 0) =>
  event(claimN, date, {
    type: 'adjudicated',
    remittanceId,
    payerClaimControlNumber: `ICN-R${claimN}`,
    claimStatusCode,
    paidCents,
    patientResponsibilityCents: 0,
    deniedLineCount,
  });

export const events: ClaimEvent[] = [
  // R1: clean, not adjudicated yet.
  scrubbed(1, '2026-06-21'),
  submitted(1, '2026-06-21'),
  ack(1, '2026-06-22'),
  // R2: clean, paid first time: first-pass resolved.
  scrubbed(2, '2026-05-16'),
  submitted(2, '2026-05-16'),
  ack(2, '2026-05-17'),
  adjudicated(2, '2026-06-08', 'REM-A2', '1', 30_000),
  // R3: scrub errors fixed by a person (not clean); denied (initial denial).
  scrubbed(3, '2026-04-11', 2),
  event(3, '2026-04-12', { type: 'amended', changed: ['lines[0].modifiers'], amendedBy: 'clerk-1', reason: 'modifier added' }),
  scrubbed(3, '2026-04-12'),
  submitted(3, '2026-04-12'),
  adjudicated(3, '2026-06-12', 'REM-B2', '4', 0),
  // R4: rejected by the payer's 277CA (not clean), sent again, paid with a line denied (partial denial).
  scrubbed(4, '2026-03-02'),
  submitted(4, '2026-03-02'),
  ack(4, '2026-03-03', false),
  submitted(4, '2026-03-05'),
  adjudicated(4, '2026-04-20', 'REM-B1', '1', 150_000, 1),
  // R5: clean, paid, then reversed (22) and appealed: not first-pass resolved.
  scrubbed(5, '2026-03-16'),
  submitted(5, '2026-03-16'),
  adjudicated(5, '2026-04-25', 'REM-A1', '1', 20_000),
  // Its reversal came in a payment this book does not hold.
  adjudicated(5, '2026-05-10', 'REM-A1R', '22', -20_000),
  event(5, '2026-06-15', { type: 'appealed', appealId: 'APL-R2', level: 1 }),
  // R1 adjudicated after the as-of date: left out.
  adjudicated(1, '2026-07-05', 'REM-A3', '4', 0),
];

/** A payment as the store keeps it: the header and PLB, not its claims (see the reconciliation report). */
function remittance(
  id: string,
  payerId: string,
  paymentDate: string,
  totalPaymentCents: number,
  providerAdjustments: Remittance['providerAdjustments'] = [],
): Remittance {
  return remittanceSchema.parse({
    remittanceId: `REM-${id}`,
    payerId,
    traceNumber: `TRN-${id}`,
    totalPaymentCents,
    paymentMethod: 'ACH',
    paymentDate,
    receivedAt: at(paymentDate),
    claims: [],
    providerAdjustments,
  });
}

// Each payment's claims are its `adjudicated` events above and the items raised for claims it could not post below.
export const remittances: Remittance[] = [
  remittance('B1', PAYER_B, '2026-04-20', 150_000), // R4 150,000: balanced
  remittance('A1', PAYER_A, '2026-04-25', 20_000), // R5 20,000: balanced
  remittance('A2', PAYER_A, '2026-06-08', 50_000), // R2 30,000 + one unmatched 20,000: balanced
  // R3 denied (0) + one unmatched 7,000, less a PLB withhold of 2,000: 5,000, balanced.
  remittance('B2', PAYER_B, '2026-06-12', 5_000, [{ reasonCode: 'WO', reference: 'OVERPAY-1', amountCents: 2_000 }]),
  remittance('B3', PAYER_B, '2026-06-18', 10_000), // one unmatched 9,000 against 10,000: not balanced
  remittance('A3', PAYER_A, '2026-07-05', 50_000), // after the as-of date: left out
];

function appeal(
  n: number,
  claimN: number,
  level: number,
  status: Appeal['status'],
  disputedCents: number,
  created: string,
  extra: Partial<Appeal> = {},
): Appeal {
  return appealSchema.parse({
    appealId: `APL-R${n}`,
    claimId: `CLM-R${claimN}`,
    accountId: ACCOUNT,
    payerId: PAYER_B,
    level,
    status,
    dueDate: '2026-09-30',
    reasonCodes: ['CO-50'],
    evidence: [],
    disputedCents,
    createdAt: at(created),
    ...extra,
  });
}

export const appeals: Appeal[] = [
  appeal(1, 3, 1, 'won', 80_000, '2026-06-01', {
    decidedAt: at('2026-06-20'),
    recoveredCents: 60_000,
    payerOutcome: 'partially-overturned',
  }),
  appeal(2, 5, 1, 'submitted', 3_000, '2026-06-15'),
  appeal(3, 4, 2, 'lost', 5_000, '2026-05-01', { decidedAt: at('2026-05-20'), recoveredCents: 0, payerOutcome: 'upheld' }),
  // Won after the as-of date: still open on it.
  appeal(4, 1, 1, 'won', 10_000, '2026-06-25', { decidedAt: at('2026-07-02'), recoveredCents: 10_000 }),
  // Created after the as-of date: left out.
  appeal(5, 1, 1, 'draft', 99_000, '2026-07-03'),
  appeal(6, 4, 2, 'withdrawn', 2_000, '2026-05-05'),
];

function workItem(n: number, queue: WorkItem['queue'], amountCents: number, created: string, extra: Partial<WorkItem> = {}): WorkItem {
  return workItemSchema.parse({
    workItemId: `WI-R${n}`,
    queue,
    kind: 'test',
    status: 'open',
    amountCents,
    summary: `item ${n}`,
    details: {},
    actions: ['dismiss'],
    createdAt: at(created),
    raisedBy: 'reports-test',
    awaited: false,
    ...extra,
  });
}
const resolvedOn = (date: string): Partial<WorkItem> => ({
  status: 'resolved',
  resolution: { action: 'dismiss', reason: 'handled', decidedBy: 'clerk-1', decidedAt: at(date) },
});

const denial = (category: string, carc: string[], claimN: number): Partial<WorkItem> => ({
  kind: category,
  claimId: `CLM-R${claimN}`,
  details: { carc, category, recommendedAction: 'appeal' },
});
const unposted = (remittanceId: string, kind = 'unmatched'): Partial<WorkItem> => ({ kind, details: { remittanceId, traceNumber: 'TRN' } });

export const workItems: WorkItem[] = [
  // Denials raised by the posting (kind: their category; details.carc: the codes they hold).
  workItem(1, 'denials', 80_000, '2026-06-12', { deadline: '2026-07-15', ...denial('appealable', ['CO-50'], 3) }),
  workItem(2, 'denials', 5_000, '2026-04-21', { ...denial('correctable', ['CO-16'], 4), ...resolvedOn('2026-06-20') }),
  workItem(10, 'denials', 3_000, '2026-04-26', { ...denial('appealable', ['CO-50'], 5), ...resolvedOn('2026-06-15') }),
  workItem(12, 'denials', 1_000, '2026-06-18', { ...denial('appealable', ['OA-ZZ9', 'CO-50'], 2), ...resolvedOn('2026-06-19') }),
  // An appeal the payer upheld comes back to the denials queue: the appeals report's, not a denial.
  workItem(11, 'denials', 5_000, '2026-05-20', { kind: 'appeal-upheld', details: { carc: ['CO-50'] }, ...resolvedOn('2026-05-21') }),
  // Claims of a payment the posting could not post, with their CLP04.
  workItem(3, 'unmatched-remittances', 7_000, '2026-06-12', unposted('REM-B2')),
  workItem(4, 'unmatched-remittances', 9_000, '2026-06-18', unposted('REM-B3')),
  workItem(8, 'unmatched-remittances', 20_000, '2026-06-08', { ...unposted('REM-A2'), ...resolvedOn('2026-06-10') }),
  workItem(9, 'failed-postings', 10_000, '2026-06-18', { ...unposted('REM-B3', 'payment-imbalanced'), ...resolvedOn('2026-06-25') }),
  workItem(5, 'holds', 0, '2026-05-20', { deadline: '2026-06-01' }),
  // Decided after the as-of date: still open on it, and past its deadline.
  workItem(6, 'appeals', 10_000, '2026-06-25', { deadline: '2026-06-29', ...resolvedOn('2026-07-02') }),
  // Raised after the as-of date: left out.
  workItem(7, 'denials', 1_000, '2026-07-03', denial('non-covered', ['CO-96'], 1)),
];

/** The fixed book at 2026-06-30. */
export const fixedBook: ReportBook = { asOf: AS_OF, claims, events, ledgerEntries, remittances, appeals, workItems };
