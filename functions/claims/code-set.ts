/**
 * An ICD-10-CM code set loaded from the CMS annual release. Two layouts are read:
 *
 * - The order file (icd10cm_order_YYYY.txt), fixed width: columns 1–5 order number, 7–13 code
 *   (no dot, left-justified), 15 header flag (0 = heading, not billable; 1 = valid for HIPAA
 *   transactions), 17–76 short description, 78 onward long description.
 * - The codes file (icd10cm_codes_YYYY.txt / icd10cm-codes-YYYY.txt): the code, spaces, and the
 *   long description; it lists billable codes only.
 *
 * The layout is detected from the first non-empty line.
 */

export interface Icd10CmCode {
  readonly code: string;
  readonly billable: boolean;
  readonly shortDescription: string;
  readonly longDescription: string;
}

export interface Icd10CmCodeSet {
  /** Free text naming the release, e.g. "FY2026 order file". */
  readonly release: string;
  readonly size: number;
  /** The entry for a code (with or without the dot), or undefined. */
  lookup(code: string): Icd10CmCode | undefined;
  /** Billable codes that start with the given code, in file order, for "did you mean" hints. */
  billableChildren(code: string, limit?: number): Icd10CmCode[];
}

/** Thrown for a line that fits neither layout; names the line number only. */
export class CodeSetFormatError extends Error {
  override readonly name = 'CodeSetFormatError';
}

/** An order-file line starts with a five-digit order number and a space. */
const orderLine = /^\d{5} /;

function parseOrderLine(line: string, lineNumber: number): Icd10CmCode {
  const code = line.slice(6, 13).trim();
  const flag = line.slice(14, 15);
  if (!/^\d{5}$/.test(line.slice(0, 5)) || !/^[A-Z][0-9A-Z]{2,6}$/.test(code) || (flag !== '0' && flag !== '1')) {
    throw new CodeSetFormatError(`order file line ${lineNumber} does not follow the fixed-width layout`);
  }
  const shortDescription = line.slice(16, 76).trim();
  const longDescription = line.slice(77).trim() || shortDescription;
  return { code, billable: flag === '1', shortDescription, longDescription };
}

function parseCodesLine(line: string, lineNumber: number): Icd10CmCode {
  const match = /^([A-Z][0-9A-Z]{2,6})\s+(.+)$/.exec(line);
  if (!match?.[1] || !match[2]) throw new CodeSetFormatError(`codes file line ${lineNumber} is not "CODE description"`);
  const description = match[2].trim();
  return { code: match[1], billable: true, shortDescription: description, longDescription: description };
}

/** Parses the text of a CMS order file or codes file into a code set. */
export function parseIcd10CmCodeSet(text: string, release: string): Icd10CmCodeSet {
  const lines = text.split(/\r?\n/);
  const first = lines.find((l) => l.trim() !== '') ?? '';
  const isOrderFile = orderLine.test(first);
  const entries: Icd10CmCode[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    entries.push(isOrderFile ? parseOrderLine(line, index + 1) : parseCodesLine(line, index + 1));
  });
  const byCode = new Map(entries.map((e) => [e.code, e]));
  return {
    release,
    size: byCode.size,
    lookup: (code) => byCode.get(code.trim().toUpperCase().replace('.', '')),
    billableChildren: (code, limit = 3) => {
      const prefix = code.trim().toUpperCase().replace('.', '');
      return entries.filter((e) => e.billable && e.code !== prefix && e.code.startsWith(prefix)).slice(0, limit);
    },
  };
}

/** The US federal fiscal year a date falls in: FY2026 runs 2025-10-01 to 2026-09-30 (ICD-10-CM's release cycle). */
export function fiscalYear(date: string): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '10-01' ? year + 1 : year;
}

/**
 * Chooses the release in effect on a date of service from releases keyed by fiscal year, so a
 * claim is checked against the codes that were valid when the service happened. (Mid-year April
 * updates, when CMS issues one, are loaded as the fiscal year's release once they take effect.)
 */
export function codeSetsByFiscalYear(
  releases: Readonly<Record<number, Icd10CmCodeSet>>,
): (dateOfService: string) => Icd10CmCodeSet | undefined {
  return (dateOfService) => releases[fiscalYear(dateOfService)];
}
