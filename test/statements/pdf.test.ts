/**
 * Robin's statement as a PDF: the text a reader extracts shows Robin's name and address, every line's
 * figures, the totals and the amount due (to the cent, as the ledger has them), the due date and how
 * to pay; the document's metadata names only the statement. A long visit breaks across pages.
 */
import { describe, expect, it } from 'vitest';
import { buildStatement } from '#functions/statements/figures.ts';
import { printable, renderStatementPdf } from '#functions/statements/pdf.ts';
import { recipientOf } from '#functions/statements/produce-statement.ts';
import { defaultStatementSettings } from '#functions/statements/settings.ts';
import { claim, coverage, line, patient } from '#test/payers/exchange/fixtures.ts';
import { charge, entriesOf, patientPaid, remitLine } from './ledger-fixtures.ts';
import { pdfInfo, pdfPages } from './pdf-text.ts';
import { formatDollars } from '#functions/accounts/money.ts';

const robin = patient('PAT-7001', {
  firstName: 'Robin',
  lastName: 'Oneplan',
  address: { line1: '42 Maple Avenue', line2: 'Apt 3', city: 'Springfield', state: 'IL', postalCode: '627041234' },
});
const visit = claim('PCN-SM1', coverage(robin, 'STD70001'), [line('99213', 12_000), line('36415', 1_500)]);
const office = defaultStatementSettings.billingOffice;

const statementOf = (c: typeof visit, entries: ReturnType<typeof entriesOf>) =>
  buildStatement({
    statementId: 'PST-0001',
    statementRequestId: 'STM-0001',
    accountId: c.accountId,
    statementDate: '2026-02-01',
    dueDate: '2026-03-03',
    chains: [[c]],
    entries,
  });

describe("Robin's statement as a PDF", () => {
  const statement = statementOf(
    visit,
    entriesOf(
      charge(visit),
      remitLine(visit, { line: 1, paid: 8_000, co: 2_000, pr: 2_000 }),
      remitLine(visit, { line: 2, paid: 1_000, co: 500, pr: 0 }),
      patientPaid(visit, 'RCPT-1', 500),
    ),
  );

  it('reads as a statement to Robin with the figures of the ledger', async () => {
    const rendered = await renderStatementPdf(statement, recipientOf(robin), office);
    expect(rendered.pages).toBe(1);
    const [text] = await pdfPages(rendered.bytes);
    for (const expected of [
      'PATIENT STATEMENT',
      'Robin Oneplan',
      '42 Maple Avenue',
      'Apt 3',
      'Springfield, IL 62704-1234',
      'Statement number: PST-0001',
      `Account number: ${visit.accountId}`,
      'Due date: 2026-03-03',
      // Line 1 and line 2: billed, insurance paid, adjustments, you paid, you owe.
      '2026-01-10 99213 $120.00 $80.00 $20.00 $0.00 $20.00',
      '2026-01-10 36415 $15.00 $10.00 $5.00 $0.00 $0.00',
      'Other activity on this visit $0.00 $0.00 $0.00 $5.00 -$5.00',
      'Visit total $135.00 $90.00 $25.00 $5.00 $15.00',
      'Total billed $135.00',
      'Insurance paid -$90.00',
      'Adjustments -$25.00',
      'Your payments -$5.00',
      'Amount due by 2026-03-03 $15.00',
      office.phone,
      office.portalUrl,
      ...office.mailingAddress,
      'Page 1 of 1',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('Still with your insurance');
  });

  it('keeps the patient out of the metadata and renders the same bytes twice', async () => {
    const first = await renderStatementPdf(statement, recipientOf(robin), office);
    const second = await renderStatementPdf(statement, recipientOf(robin), office);
    expect(Buffer.from(first.bytes).equals(Buffer.from(second.bytes))).toBe(true);
    const info = JSON.stringify(await pdfInfo(first.bytes));
    expect(info).toContain('PST-0001');
    for (const phi of ['Robin', 'Oneplan', 'Maple', robin.mrn, robin.dateOfBirth]) expect(info).not.toContain(phi);
  });

  it('breaks a long visit across pages, repeating the table header, with the totals still exact', async () => {
    const lines = Array.from({ length: 90 }, (_, i) => line('80053', 1_000 + i));
    const long = claim('PCN-SM9', coverage(robin, 'STD70001'), lines);
    const entries = entriesOf(
      charge(long),
      ...long.lines.map((l) => remitLine(long, { line: l.lineNumber, paid: 600, co: 100, pr: l.chargeCents - 700 })),
    );
    const s = statementOf(long, entries);
    const rendered = await renderStatementPdf(s, recipientOf(robin), office);
    expect(rendered.pages).toBeGreaterThan(1);
    const pages = await pdfPages(rendered.bytes);
    expect(pages).toHaveLength(rendered.pages);
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${rendered.pages}`));
    expect(pages[1]).toContain('(continued)');
    expect(pages[1]).toContain('Insurance paid');
    const billed = long.totalChargeCents;
    const due = billed - 90 * 700;
    expect(s.totals.amountDueCents).toBe(due);
    expect(pages.join('\n')).toContain(`Amount due by 2026-03-03 ${formatDollars(due)}`);
  });

  it('prints any name: accents folded, other scripts replaced, never a failure', async () => {
    expect(printable('Inès Müller-Łukasz 王')).toBe('Ines Muller-?ukasz ?');
    const ines = { ...robin, firstName: 'Inès', lastName: '王' };
    const [text] = await pdfPages((await renderStatementPdf(statement, recipientOf(ines), office)).bytes);
    expect(text).toContain('Ines ?');
  });
});
