/**
 * Renders a statement as a PDF with pdf-lib: US Letter, the billing office and the statement's numbers
 * at the top, the patient's name and address where a window envelope shows them, one table per visit
 * (a row per service line), the totals, and how to pay. Pages break as the rows need, repeating the
 * table's header; every page says which statement and page it is.
 *
 * The patient's name and address are printed (the statement goes to the patient) and nowhere else:
 * the document's metadata names only the statement. Dates in the metadata are the statement date, so
 * the same statement renders to the same bytes.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { hasActivity, type Statement, type StatementFigures, type StatementVisit } from './figures.ts';
import { formatDollars as formatCents } from '#functions/accounts/money.ts';
import type { BillingOffice } from './settings.ts';

/** Who the statement goes to (PHI: printed on the PDF only). */
export interface StatementRecipient {
  readonly name: string;
  readonly addressLines: readonly string[];
}

export interface RenderedStatement {
  readonly bytes: Uint8Array;
  readonly pages: number;
}

const PAGE: [number, number] = [612, 792];
const LEFT = 50;
const RIGHT = 562;
const FOOTER_Y = 36;
const BOTTOM = 70;
const GREY = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.75, 0.75, 0.75);

/** Table columns: where each starts (text) or ends (amounts, right-aligned). */
const columns = {
  date: LEFT,
  service: 112,
  billed: 300,
  insurancePaid: 378,
  adjustments: 452,
  patientPaid: 506,
  due: RIGHT,
} as const;

/**
 * The standard PDF fonts encode WinAnsi only: accents are folded to their letters and anything else
 * becomes `?`, so an unusual character in a name or address cannot stop a statement.
 */
export function printable(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
}

/** Writes text down the pages, starting a new page (with the table header again, inside a table) when one fills. */
class Writer {
  page!: PDFPage;
  y = 0;
  tableHeader: (() => void) | undefined;

  private readonly doc: PDFDocument;
  readonly fonts: Fonts;
  constructor(doc: PDFDocument, fonts: Fonts) {
    this.doc = doc;
    this.fonts = fonts;
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(PAGE);
    this.y = PAGE[1] - 50;
    this.tableHeader?.();
  }

  /** Makes room for `height` points below the cursor. */
  need(height: number): void {
    if (this.y - height < BOTTOM) this.newPage();
  }

  text(text: string, x: number, opts: { size?: number; bold?: boolean; grey?: boolean; y?: number } = {}): void {
    this.page.drawText(printable(text), {
      x,
      y: opts.y ?? this.y,
      size: opts.size ?? 9,
      font: opts.bold ? this.fonts.bold : this.fonts.regular,
      color: opts.grey ? GREY : rgb(0, 0, 0),
    });
  }

  /** Text whose right edge is at `right`. */
  textRight(text: string, right: number, opts: { size?: number; bold?: boolean; y?: number } = {}): void {
    const font = opts.bold ? this.fonts.bold : this.fonts.regular;
    const size = opts.size ?? 9;
    const safe = printable(text);
    this.text(safe, right - font.widthOfTextAtSize(safe, size), opts);
  }

  rule(): void {
    this.page.drawLine({ start: { x: LEFT, y: this.y }, end: { x: RIGHT, y: this.y }, thickness: 0.5, color: RULE });
  }

  down(points: number): void {
    this.y -= points;
  }
}

/** Renders the statement; see the module comment. */
export async function renderStatementPdf(
  statement: Statement,
  recipient: StatementRecipient,
  office: BillingOffice,
): Promise<RenderedStatement> {
  const doc = await PDFDocument.create();
  const at = new Date(`${statement.statementDate}T00:00:00Z`);
  doc.setTitle(`Patient statement ${statement.statementId}`);
  doc.setAuthor(printable(office.name));
  doc.setSubject('Patient statement');
  doc.setCreator('patient-accounts');
  doc.setProducer('patient-accounts (pdf-lib)');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  const fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  const w = new Writer(doc, fonts);

  header(w, statement, office);
  addressBlock(w, recipient);
  amountDueBox(w, statement);
  for (const visit of statement.visits) visitTable(w, visit);
  summary(w, statement);
  howToPay(w, statement, office);

  const pages = doc.getPages();
  pages.forEach((page, index) => {
    const label = `Statement ${statement.statementId}  |  Account ${statement.accountId}  |  Page ${index + 1} of ${pages.length}`;
    page.drawText(printable(label), { x: LEFT, y: FOOTER_Y, size: 7, font: fonts.regular, color: GREY });
  });
  return { bytes: await doc.save(), pages: pages.length };
}

/** Breaks text into lines no wider than `width` points, at spaces. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of printable(text).split(' ')) {
    const next = current ? `${current} ${word}` : word;
    if (current && font.widthOfTextAtSize(next, size) > width) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current) lines.push(current);
  return lines;
}

function header(w: Writer, s: Statement, office: BillingOffice): void {
  const top = w.y;
  w.text(office.name, LEFT, { size: 14, bold: true });
  w.down(14);
  for (const line of office.mailingAddress) {
    w.text(line, LEFT, { size: 8, grey: true });
    w.down(10);
  }
  w.text(`Questions? Call ${office.phone}`, LEFT, { size: 8, grey: true });
  const left = w.y;

  w.y = top;
  w.textRight('PATIENT STATEMENT', RIGHT, { size: 16, bold: true });
  w.down(20);
  const facts: [string, string][] = [
    ['Statement date', s.statementDate],
    ['Statement number', s.statementId],
    ['Account number', s.accountId],
    ['Due date', s.dueDate],
  ];
  for (const [label, value] of facts) {
    w.textRight(`${label}:  ${value}`, RIGHT, { size: 8 });
    w.down(11);
  }
  w.y = Math.min(w.y, left) - 28;
}

function addressBlock(w: Writer, recipient: StatementRecipient): void {
  w.text(recipient.name, LEFT + 22, { size: 11, bold: true });
  w.down(14);
  for (const line of recipient.addressLines) {
    w.text(line, LEFT + 22, { size: 10 });
    w.down(13);
  }
  w.down(18);
}

function amountDueBox(w: Writer, s: Statement): void {
  const height = 34;
  w.page.drawRectangle({ x: LEFT, y: w.y - height + 12, width: RIGHT - LEFT, height, borderColor: RULE, borderWidth: 1 });
  w.down(4);
  w.text('Amount due', LEFT + 10, { size: 11, bold: true });
  w.textRight(formatCents(s.totals.amountDueCents), RIGHT - 10, { size: 14, bold: true });
  w.down(13);
  w.text(`Please pay by ${s.dueDate}`, LEFT + 10, { size: 8, grey: true });
  w.down(height - 3);
}

function tableHeader(w: Writer): void {
  const y = w.y;
  w.text('Date', columns.date, { bold: true, size: 8, y });
  w.text('Service', columns.service, { bold: true, size: 8, y });
  w.textRight('Billed', columns.billed, { bold: true, size: 8, y });
  w.textRight('Insurance paid', columns.insurancePaid, { bold: true, size: 8, y });
  w.textRight('Adjustments', columns.adjustments, { bold: true, size: 8, y });
  w.textRight('You paid', columns.patientPaid, { bold: true, size: 8, y });
  w.textRight('You owe', columns.due, { bold: true, size: 8, y });
  w.down(4);
  w.rule();
  w.down(11);
}

function amounts(w: Writer, row: StatementFigures, bold = false): void {
  w.textRight(formatCents(row.billedCents), columns.billed, { bold });
  w.textRight(formatCents(row.insurancePaidCents), columns.insurancePaid, { bold });
  w.textRight(formatCents(row.adjustmentsCents), columns.adjustments, { bold });
  w.textRight(formatCents(row.patientPaidCents), columns.patientPaid, { bold });
  w.textRight(formatCents(row.amountDueCents), columns.due, { bold });
}

function visitTable(w: Writer, visit: StatementVisit): void {
  w.need(60);
  const dates =
    visit.serviceDateFrom === visit.serviceDateTo ? visit.serviceDateFrom : `${visit.serviceDateFrom} to ${visit.serviceDateTo}`;
  w.text(`Visit of ${dates}`, LEFT, { size: 10, bold: true });
  w.textRight(`Claim ${visit.claimId}`, RIGHT, { size: 8 });
  w.down(16);
  tableHeader(w);
  w.tableHeader = () => {
    w.text(`Visit of ${dates} (continued)`, LEFT, { size: 10, bold: true });
    w.down(16);
    tableHeader(w);
  };
  for (const line of visit.lines) {
    w.need(12);
    w.text(line.serviceDate, columns.date);
    const code = line.procedureCode ?? (line.revenueCode ? `Rev ${line.revenueCode}` : `Line ${line.lineNumber}`);
    w.text(line.units === 1 ? code : `${code} x ${line.units}`, columns.service);
    amounts(w, line);
    w.down(12);
  }
  if (hasActivity(visit.otherActivity)) {
    w.need(12);
    w.text('Other activity on this visit', columns.service);
    amounts(w, visit.otherActivity);
    w.down(12);
  }
  if (visit.pendingInsuranceCents !== 0) {
    w.need(12);
    w.text('Still with your insurance', columns.service);
    w.textRight(`-${formatCents(visit.pendingInsuranceCents)}`, columns.due);
    w.down(12);
  }
  w.need(16);
  w.down(-4);
  w.rule();
  w.down(10);
  w.text('Visit total', columns.service, { bold: true });
  amounts(w, visit.totals, true);
  w.down(22);
  w.tableHeader = undefined;
}

function summary(w: Writer, s: Statement): void {
  const rows: [string, number][] = [
    ['Total billed', s.totals.billedCents],
    ['Insurance paid', -s.totals.insurancePaidCents],
    ['Adjustments', -s.totals.adjustmentsCents],
    ['Your payments', -s.totals.patientPaidCents],
    ...(s.totals.pendingInsuranceCents !== 0 ? [['Still with your insurance', -s.totals.pendingInsuranceCents] as [string, number]] : []),
  ];
  w.need(14 * rows.length + 40);
  w.text('Summary', LEFT, { size: 10, bold: true });
  w.down(14);
  for (const [label, cents] of rows) {
    w.text(label, LEFT + 260);
    w.textRight(formatCents(cents), RIGHT);
    w.down(12);
  }
  w.down(-3);
  w.page.drawLine({ start: { x: LEFT + 260, y: w.y }, end: { x: RIGHT, y: w.y }, thickness: 0.5, color: RULE });
  w.down(11);
  w.text(`Amount due by ${s.dueDate}`, LEFT + 260, { bold: true });
  w.textRight(formatCents(s.totals.amountDueCents), RIGHT, { bold: true });
  w.down(26);
}

function howToPay(w: Writer, s: Statement, office: BillingOffice): void {
  const lines = [
    `By phone: call ${office.phone}${office.hours ? ` (${office.hours})` : ''}.`,
    `Online: ${office.portalUrl}, with your account number ${s.accountId}.`,
    `By mail: make your check payable to ${office.name}, write your account number ${s.accountId} on it, and mail it to:`,
  ];
  w.need(14 + 12 * (lines.length + 1 + office.mailingAddress.length) + 20);
  w.text('How to pay', LEFT, { size: 10, bold: true });
  w.down(14);
  for (const line of lines.flatMap((l) => wrap(l, w.fonts.regular, 9, RIGHT - LEFT))) {
    w.need(12);
    w.text(line, LEFT);
    w.down(12);
  }
  for (const line of office.mailingAddress) {
    w.text(line, LEFT + 20);
    w.down(12);
  }
  w.down(6);
  w.text('If your insurance information has changed or you cannot pay in full, please call us: we can help.', LEFT, {
    size: 8,
    grey: true,
  });
  w.down(12);
}
