/**
 * A small fixed book for the financial reports: five claims of one account at two payers, their
 * events, ledger entries, four 835 remittances, six appeals and seven work items, with a few records
 * after the as-of date that every report must leave out. The expected figures in reports.test.ts
 * are worked out by hand from this book (the comments say how). Every record passes its contract.
 */
import { appealSchema, type Appeal } from '#schemas/appeal.ts';
import { claimEventSchema, type ClaimEvent } from '#schemas/claim-event.ts';
import { claimSchema, type Claim } from '#schemas/claim.ts';
import { ledgerEntrySchema, type LedgerEntry } from '#schemas/ledger-entry.ts';
import { remittanceSchema, type Remittance, type RemittanceClaim } from '#schemas/remittance.ts';
import type { Adjustment } from '#schemas/adjustment.ts';
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
const adjudicated = (claimN: number, date: string, claimStatusCode: string, paidCents: number, deniedLineCount = 0) =>
  event(claimN, date, {
    type: 'adjudicated',
    remittanceId: `REM-${claimN}-${date}`,
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
  adjudicated(2, '2026-06-08', '1', 30_000),
  // R3: scrub errors fixed by a person (not clean); denied (initial denial).
  scrubbed(3, '2026-04-11', 2),
  event(3, '2026-04-12', { type: 'amended', changed: ['lines[0].modifiers'], amendedBy: 'clerk-1', reason: 'modifier added' }),
  scrubbed(3, '2026-04-12'),
  submitted(3, '2026-04-12'),
  adjudicated(3, '2026-06-12', '4', 0),
  // R4: rejected by the payer's 277CA (not clean), sent again, paid with a line denied (partial denial).
  scrubbed(4, '2026-03-02'),
  submitted(4, '2026-03-02'),
  ack(4, '2026-03-03', false),
  submitted(4, '2026-03-05'),
  adjudicated(4, '2026-04-20', '1', 150_000, 1),
  // R5: clean, paid, then reversed (22) and appealed: not first-pass resolved.
  scrubbed(5, '2026-03-16'),
  submitted(5, '2026-03-16'),
  adjudicated(5, '2026-04-25', '1', 20_000),
  adjudicated(5, '2026-05-10', '22', -20_000),
  event(5, '2026-06-15', { type: 'appealed', appealId: 'APL-R2', level: 1 }),
  // R1 adjudicated after the as-of date: left out.
  adjudicated(1, '2026-07-05', '4', 0),
];

function remittance(
  n: number,
  payerId: string,
  paymentDate: string,
  totalPaymentCents: number,
  claimsPaid: Remittance['claims'],
  providerAdjustments: Remittance['providerAdjustments'] = [],
): Remittance {
  return remittanceSchema.parse({
    remittanceId: `REM-R${n}`,
    payerId,
    traceNumber: `TRN-R${n}`,
    totalPaymentCents,
    paymentMethod: 'ACH',
    paymentDate,
    receivedAt: at(paymentDate),
    claims: claimsPaid,
    providerAdjustments,
  });
}
function paid(
  pcn: string,
  statusCode: RemittanceClaim['statusCode'],
  chargeCents: number,
  paidCents: number,
  adjustments: Remittance['claims'][number]['adjustments'],
  lineAdjustments: Remittance['claims'][number]['adjustments'] = [],
) {
  return {
    patientControlNumber: pcn,
    statusCode,
    chargeCents,
    paidCents,
    patientResponsibilityCents: 0,
    payerClaimControlNumber: `ICN-${pcn}`,
    adjustments,
    remarks: [],
    lines: lineAdjustments.length
      ? [{ lineNumber: 1, modifiers: [], chargeCents, paidCents: 0, adjustments: lineAdjustments, remarks: [] }]
      : [],
  };
}
const adj = (group: Adjustment['group'], reasonCode: string, amountCents: number): Adjustment => ({ group, reasonCode, amountCents });

export const remittances: Remittance[] = [
  // Balanced: 30,000 + 20,000 = 50,000. Denial adjustments: CO-50 3,000 (appealable).
  remittance(1, PAYER_A, '2026-06-08', 50_000, [
    paid('PCN-R2', '1', 50_000, 30_000, [adj('CO', '45', 10_000), adj('PR', '2', 10_000)]),
    paid('PCN-R5', '1', 30_000, 20_000, [adj('CO', '45', 5_000)], [adj('CO', '50', 3_000)]),
  ]),
  // Balanced: 0 + 150,000 + 7,000 − PLB 2,000 = 155,000; PCN-X1 unmatched. Denials: CO-50 80,000, CO-16 5,000.
  remittance(
    2,
    PAYER_B,
    '2026-06-12',
    155_000,
    [
      paid('PCN-R3', '4', 80_000, 0, [adj('CO', '50', 80_000)]),
      paid('PCN-R4', '1', 200_000, 150_000, [adj('CO', '45', 40_000), adj('PR', '1', 10_000)], [adj('CO', '16', 5_000)]),
      paid('PCN-X1', '1', 7_000, 7_000, []),
    ],
    [{ reasonCode: 'WO', reference: 'OVERPAY-1', amountCents: 2_000 }],
  ),
  // Not balanced: BPR02 10,000 against 9,000; unmatched. OA-ZZ9 1,000 is not in the catalog.
  remittance(4, PAYER_B, '2026-06-18', 10_000, [paid('PCN-X2', '1', 10_000, 9_000, [], [adj('OA', 'ZZ9', 1_000)])]),
  // After the as-of date: left out.
  remittance(3, PAYER_A, '2026-07-05', 50_000, [paid('PCN-R1', '1', 100_000, 50_000, [adj('CO', '97', 50_000)])]),
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

export const workItems: WorkItem[] = [
  workItem(1, 'denials', 80_000, '2026-06-12', { deadline: '2026-07-15', claimId: 'CLM-R3' }),
  workItem(2, 'denials', 5_000, '2026-06-12', resolvedOn('2026-06-20')),
  workItem(3, 'unmatched-remittances', 7_000, '2026-06-12'),
  workItem(4, 'unmatched-remittances', 9_000, '2026-06-18'),
  workItem(5, 'holds', 0, '2026-05-20', { deadline: '2026-06-01' }),
  // Decided after the as-of date: still open on it, and past its deadline.
  workItem(6, 'appeals', 10_000, '2026-06-25', { deadline: '2026-06-29', ...resolvedOn('2026-07-02') }),
  // Raised after the as-of date: left out.
  workItem(7, 'denials', 1_000, '2026-07-03'),
];

/** The fixed book at 2026-06-30. */
export const fixedBook: ReportBook = { asOf: AS_OF, claims, events, ledgerEntries, remittances, appeals, workItems };
