/**
 * All financial reports of one book, as figures (for JSON) and as tables (for the workbook and CSV).
 * The tables are the only layout: the workbook, the CSV files and the JSON all come from here.
 */
import { agingBuckets, arAging, type AgingRow, type ArAging } from './aging.ts';
import { appealReport, type AppealReport, type AppealRow } from './appeals.ts';
import { asOfCut, type ReportBook } from './book.ts';
import { claimQuality, type ClaimQuality } from './claim-quality.ts';
import { collectionReport, DAYS_IN_AR_WINDOW, type CollectionReport, type CollectionTotals } from './collections.ts';
import { denialReport, type DenialReport } from './denials.ts';
import { basisPoints, scaled, type Ratio } from './ratio.ts';
import { reconciliationReport, type ReconciliationReport } from './reconciliation.ts';
import { workQueueReport, type QueueRow, type WorkQueueReport } from './work-queues.ts';

export interface FinancialReports {
  readonly asOf: string;
  readonly aging: ArAging;
  readonly denials: DenialReport;
  readonly claimQuality: ClaimQuality;
  readonly collections: CollectionReport;
  readonly reconciliation: ReconciliationReport;
  readonly appeals: AppealReport;
  readonly workQueues: WorkQueueReport;
}

/** Every report of the book at its as-of date. */
export function financialReports(book: ReportBook): FinancialReports {
  const cut = asOfCut(book);
  return {
    asOf: book.asOf,
    aging: arAging(cut),
    denials: denialReport(cut),
    claimQuality: claimQuality(cut),
    collections: collectionReport(cut),
    reconciliation: reconciliationReport(cut),
    appeals: appealReport(cut),
    workQueues: workQueueReport(cut),
  };
}

/**
 * How a cell reads: cents are integers shown as currency, percent cells hold basis points, days
 * hold tenths of a day; all three are integers here and only become decimals where they are shown.
 */
export type ColumnKind = 'text' | 'count' | 'cents' | 'percent' | 'days' | 'flag';
export type CellValue = string | number | boolean | null;

export interface ReportColumn {
  readonly key: string;
  readonly header: string;
  readonly kind: ColumnKind;
}

export interface ReportRow {
  readonly cells: Readonly<Record<string, CellValue>>;
  /** Per-cell kinds where a column mixes them (the KPI sheet's value column). */
  readonly kinds?: Readonly<Record<string, ColumnKind>>;
}

export interface ReportTable {
  /** File and sheet name: lower-case words joined by dashes, at most 31 characters. */
  readonly name: string;
  readonly title: string;
  /** The figure's definition, written under the table. */
  readonly definition: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly ReportRow[];
  readonly totals?: ReportRow;
  /** A column drawn as in-cell bars: exceljs cannot write native charts, data bars read as fast here. */
  readonly bars?: string;
}

const bp = (r: Ratio): number | null => basisPoints(r);
const tenthsOfDays = (r: Ratio): number | null => scaled(r, 10);

const agingColumns = (first: string): ReportColumn[] => [
  { key: 'key', header: first, kind: 'text' },
  ...agingBuckets.map((b) => ({ key: b.key, header: b.label, kind: 'cents' as const })),
  { key: 'total', header: 'Total', kind: 'cents' },
  { key: 'claims', header: 'Claims', kind: 'count' },
];

const agingRow = (row: AgingRow, label = row.key): ReportRow => ({
  cells: {
    key: label,
    ...Object.fromEntries(agingBuckets.map((b, i) => [b.key, row.bucketCents[i] ?? 0])),
    total: row.totalCents,
    claims: row.claims,
  },
});

const AGING_DEFINITION =
  'Open A/R on the as-of date (ledger balance per claim and responsibility), aged from the discharge date ' +
  '(837I statement-through, else last date of service) as in HFMA MAP Key "Aged A/R as a Percentage of Total Billed A/R".';

function kpiTable(r: FinancialReports): ReportTable {
  const rate = (kpi: string, value: Ratio, definition: string): ReportRow => ({
    cells: { kpi, value: bp(value), unit: '%', numerator: value.numerator, denominator: value.denominator, definition },
    kinds: { value: 'percent' },
  });
  const cq = r.claimQuality;
  const d = r.denials;
  const c = r.collections;
  return {
    name: 'kpis',
    title: `Key performance indicators as of ${r.asOf}`,
    definition: 'Rates are exact ratios of the numerator and denominator shown; amounts are in dollars and cents.',
    columns: [
      { key: 'kpi', header: 'Indicator', kind: 'text' },
      { key: 'value', header: 'Value', kind: 'count' },
      { key: 'unit', header: 'Unit', kind: 'text' },
      { key: 'numerator', header: 'Numerator', kind: 'count' },
      { key: 'denominator', header: 'Denominator', kind: 'count' },
      { key: 'definition', header: 'Definition', kind: 'text' },
    ],
    rows: [
      {
        cells: {
          kpi: 'Open A/R',
          value: r.aging.openArCents,
          unit: '$',
          numerator: null,
          denominator: null,
          definition: 'Σ ledger balances',
        },
        kinds: { value: 'cents' },
      },
      {
        cells: {
          kpi: 'Days in A/R',
          value: tenthsOfDays(c.daysInAr),
          unit: 'days',
          numerator: c.openArCents,
          denominator: c.trailing90Days.netRevenueCents,
          definition: `HFMA "Days in Net A/R": open A/R / (net revenue of the last ${DAYS_IN_AR_WINDOW} days / ${DAYS_IN_AR_WINDOW}) (cents)`,
        },
        kinds: { value: 'days', numerator: 'cents', denominator: 'cents' },
      },
      {
        ...rate(
          'Net collection rate',
          c.netCollectionRate,
          'payments less refunds / (charges less contractual adjustments), to date (cents)',
        ),
        kinds: { value: 'percent', numerator: 'cents', denominator: 'cents' },
      },
      rate(
        'Initial denial rate',
        d.initialDenialRate,
        'HFMA "Initial Denials Rate": claims denied on first adjudication / claims adjudicated',
      ),
      {
        ...rate(
          'Denial rate by charges',
          d.denialRateByCharges,
          'charges of claims denied on first adjudication / charges adjudicated (cents)',
        ),
        kinds: { value: 'percent', numerator: 'cents', denominator: 'cents' },
      },
      rate(
        'Clean claim rate',
        cq.cleanClaimRate,
        'HFMA "Clean Claim Rate": scrubbed with no errors, never amended or rejected / claims scrubbed',
      ),
      rate(
        'First-pass resolution rate',
        cq.firstPassResolutionRate,
        'paid on first adjudication, no line denied, never corrected or appealed / claims adjudicated',
      ),
    ],
  };
}

function collectionsTable(r: FinancialReports): ReportTable {
  const measures: [keyof CollectionTotals, string][] = [
    ['chargesCents', 'Gross charges'],
    ['contractualCents', 'Contractual adjustments'],
    ['netRevenueCents', 'Net patient service revenue'],
    ['insurancePaymentsCents', 'Insurance payments'],
    ['patientPaymentsCents', 'Patient payments'],
    ['refundsCents', 'Refunds'],
    ['netPaymentsCents', 'Net payments'],
    ['writeOffCents', 'Write-offs and other adjustments'],
  ];
  return {
    name: 'collections',
    title: `Charges, adjustments and payments as of ${r.asOf}`,
    definition: `Ledger entries posted on or before the as-of date; the last column only those of the last ${DAYS_IN_AR_WINDOW} days. A reversal counts as the kind it reverses.`,
    columns: [
      { key: 'measure', header: 'Measure', kind: 'text' },
      { key: 'toDate', header: 'To date', kind: 'cents' },
      { key: 'trailing', header: `Last ${DAYS_IN_AR_WINDOW} days`, kind: 'cents' },
    ],
    rows: measures.map(([key, label]) => ({
      cells: { measure: label, toDate: r.collections.toDate[key], trailing: r.collections.trailing90Days[key] },
    })),
  };
}

function appealRow(a: AppealRow): ReportRow {
  return {
    cells: {
      level: a.level,
      appeals: a.appeals,
      open: a.open,
      won: a.won,
      lost: a.lost,
      withdrawn: a.withdrawn,
      disputed: a.disputedCents,
      recovered: a.recoveredCents,
      overturnRate: bp(a.overturnRate),
      recoveryRate: bp(a.recoveryRate),
    },
  };
}

function queueRow(q: QueueRow): ReportRow {
  return {
    cells: {
      queue: q.queue === 'total' ? 'Total' : q.queue,
      openItems: q.openItems,
      amount: q.amountCents,
      overdue: q.overdueItems,
      oldest: q.oldestAgeDays,
    },
  };
}

/** The reports laid out as tables, one per sheet and CSV file, in reading order. */
export function reportTables(r: FinancialReports): ReportTable[] {
  const d = r.denials;
  const rec = r.reconciliation;
  return [
    kpiTable(r),
    {
      name: 'ar-aging-by-payer',
      title: `A/R aging by payer as of ${r.asOf}`,
      definition: AGING_DEFINITION + ' Insurance shares count against the payer of their claim; the patient share against "patient".',
      columns: agingColumns('Payer'),
      rows: r.aging.byPayer.map((row) => agingRow(row)),
      totals: agingRow(r.aging.total, 'Total'),
      bars: 'total',
    },
    {
      name: 'ar-aging-by-responsibility',
      title: `A/R aging by responsibility as of ${r.asOf}`,
      definition: AGING_DEFINITION,
      columns: agingColumns('Responsibility'),
      rows: r.aging.byResponsibility.map((row) => agingRow(row)),
      totals: agingRow(r.aging.total, 'Total'),
      bars: 'total',
    },
    {
      name: 'denials-by-category',
      title: `Denials by category as of ${r.asOf}`,
      definition:
        'Denials the remittance posting raised in the denials queue (decided or not), by the category their CARC/RARC were classified in, with the cents held.',
      columns: [
        { key: 'category', header: 'Category', kind: 'text' },
        { key: 'denials', header: 'Denials', kind: 'count' },
        { key: 'amount', header: 'Amount', kind: 'cents' },
      ],
      rows: d.byCategory.map((c) => ({ cells: { category: c.category, denials: c.denials, amount: c.cents } })),
      totals: { cells: { category: 'Total', denials: d.denialsRaised, amount: d.deniedCents } },
      bars: 'amount',
    },
    {
      name: 'denials-by-carc',
      title: `Denials by CARC as of ${r.asOf}`,
      definition:
        'The same denials by each group code and Claim Adjustment Reason Code they name, largest amount first; a denial naming two codes counts under both, so there is no totals row.',
      columns: [
        { key: 'code', header: 'Group-CARC', kind: 'text' },
        { key: 'category', header: 'Category', kind: 'text' },
        { key: 'denials', header: 'Denials', kind: 'count' },
        { key: 'amount', header: 'Amount', kind: 'cents' },
      ],
      rows: d.byCode.map((c) => ({ cells: { code: c.code, category: c.category, denials: c.denials, amount: c.cents } })),
      bars: 'amount',
    },
    collectionsTable(r),
    {
      name: 'remittance-reconciliation',
      title: `Remittance reconciliation as of ${r.asOf}`,
      definition:
        'Per 835 payment: BPR02 against ΣCLP04 − ΣPLB (balanced when equal and the posting found no imbalance); claims posted to a claim of ours, and claims left for a person (unmatched or failed) with their CLP04.',
      columns: [
        { key: 'traceNumber', header: 'Trace (TRN02)', kind: 'text' },
        { key: 'payerId', header: 'Payer', kind: 'text' },
        { key: 'paymentDate', header: 'Payment date', kind: 'text' },
        { key: 'paymentMethod', header: 'Method', kind: 'text' },
        { key: 'bpr02', header: 'Payment (BPR02)', kind: 'cents' },
        { key: 'clp04', header: 'Claims paid (ΣCLP04)', kind: 'cents' },
        { key: 'plb', header: 'Provider adjustments (ΣPLB)', kind: 'cents' },
        { key: 'balanced', header: 'Balanced', kind: 'flag' },
        { key: 'claims', header: 'Claims', kind: 'count' },
        { key: 'posted', header: 'Posted', kind: 'count' },
        { key: 'notPosted', header: 'Not posted', kind: 'count' },
        { key: 'notPostedPaid', header: 'Not posted paid', kind: 'cents' },
      ],
      rows: rec.remittances.map((x) => ({
        cells: {
          traceNumber: x.traceNumber,
          payerId: x.payerId,
          paymentDate: x.paymentDate,
          paymentMethod: x.paymentMethod,
          bpr02: x.totalPaymentCents,
          clp04: x.claimPaidCents,
          plb: x.providerAdjustmentCents,
          balanced: x.balanced,
          claims: x.claims,
          posted: x.postedClaims,
          notPosted: x.notPostedClaims,
          notPostedPaid: x.notPostedPaidCents,
        },
      })),
      totals: {
        cells: {
          traceNumber: 'Total',
          payerId: '',
          paymentDate: '',
          paymentMethod: '',
          bpr02: rec.totals.totalPaymentCents,
          clp04: rec.totals.claimPaidCents,
          plb: rec.totals.providerAdjustmentCents,
          balanced: rec.totals.balanced,
          claims: rec.totals.claims,
          posted: rec.totals.postedClaims,
          notPosted: rec.totals.notPostedClaims,
          notPostedPaid: rec.totals.notPostedPaidCents,
        },
      },
    },
    {
      name: 'appeals',
      title: `Appeals and outcomes as of ${r.asOf}`,
      definition: 'Overturn rate: won / (won + lost). Recovery rate: recovered / disputed, of decided appeals.',
      columns: [
        { key: 'level', header: 'Level', kind: 'text' },
        { key: 'appeals', header: 'Appeals', kind: 'count' },
        { key: 'open', header: 'Open', kind: 'count' },
        { key: 'won', header: 'Won', kind: 'count' },
        { key: 'lost', header: 'Lost', kind: 'count' },
        { key: 'withdrawn', header: 'Withdrawn', kind: 'count' },
        { key: 'disputed', header: 'Disputed', kind: 'cents' },
        { key: 'recovered', header: 'Recovered', kind: 'cents' },
        { key: 'overturnRate', header: 'Overturn rate', kind: 'percent' },
        { key: 'recoveryRate', header: 'Recovery rate', kind: 'percent' },
      ],
      rows: r.appeals.byLevel.map(appealRow),
      totals: appealRow({ ...r.appeals.total, level: 'Total' }),
    },
    {
      name: 'work-queues',
      title: `Open work queues as of ${r.asOf}`,
      definition: 'Items raised on or before the as-of date and not decided by it; overdue: past their deadline.',
      columns: [
        { key: 'queue', header: 'Queue', kind: 'text' },
        { key: 'openItems', header: 'Open items', kind: 'count' },
        { key: 'amount', header: 'Amount at stake', kind: 'cents' },
        { key: 'overdue', header: 'Overdue', kind: 'count' },
        { key: 'oldest', header: 'Oldest (days)', kind: 'count' },
      ],
      rows: r.workQueues.queues.map(queueRow),
      totals: queueRow({ ...r.workQueues.total, queue: 'total' }),
      bars: 'amount',
    },
  ];
}
