import { readFileSync } from 'node:fs';
import { TS837I } from '#functions/x12/definitions/ts837.ts';
import { EXAMPLE_837I, EXAMPLE_PARTIES } from '#functions/x12/examples.ts';
import { sequentialControlNumbers, writeInterchange } from '#functions/x12/interchange-writer.ts';
import type { ModelObject } from '#functions/x12/reader.ts';
import { readSegmentsGenerically } from '#functions/x12/reader.ts';
import { parseX12 } from '#functions/x12/parse.ts';
import type { ParseOptions, ParseResult } from '#functions/x12/parse.ts';

const FIX = new URL('../fixtures/x12/', import.meta.url);

/** Reads a fixture by its path under test/fixtures/x12. */
export function fixture(path: string): Buffer {
  return readFileSync(new URL(path, FIX));
}

/** A public file with its segment terminators unwrapped (the line break after each `~` taken out). */
export function publicFile(path: string): string {
  return fixture(path)
    .toString('latin1')
    .replace(/~\r?\n/g, '~');
}

/** The file with its first `from` replaced (which must be there: a test that edits nothing proves nothing). */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`no ${from}`);
  return text.replace(from, to);
}

export const LFH = 'LinuxForHealth-x12/src/tests/resources/';
export const IMS = 'imsweb-x12-parser/src/test/resources/';
export const AFFECT = 'affect-therapeutics-edi-835-parser/tests/test_edi_835_files/';
export const TASTY = 'tastypackets-x12-parser/test/test-files/835/';

/**
 * EXAMPLE_837I with the primary payer's adjudication of line 1 (2430: paid $900, CO-45 $100, revenue
 * code 0450) and AMT*D lowered to match, written out; `adjudication` overrides its fields.
 */
export function coordinated837I(adjudication: Record<string, unknown> = {}): string {
  const doc = structuredClone(EXAMPLE_837I) as unknown as { billingProviders: { subscribers: { claims: ModelObject[] }[] }[] };
  const claim = doc.billingProviders[0]?.subscribers[0]?.claims[0] as {
    otherSubscribers: { amounts: { qualifier: string; amountCents: number }[] }[];
    serviceLines: ModelObject[];
  };
  (claim.otherSubscribers[0]?.amounts[0] as { amountCents: number }).amountCents = 75000;
  (claim.serviceLines[0] as ModelObject).adjudications = [
    {
      otherPayerId: 'PRIM001',
      paidCents: 90000,
      procedure: { qualifier: 'HC', code: '99284' },
      revenueCode: '0450',
      paidUnits: '1',
      adjustments: [{ groupCode: 'CO', adjustments: [{ reasonCode: '45', amountCents: 10000 }] }],
      dates: [{ qualifier: '573', format: 'D8', value: '20251215' }],
      ...adjudication,
    },
  ];
  return writeInterchange(EXAMPLE_PARTIES, [{ def: TS837I, model: doc as unknown as ModelObject }], sequentialControlNumbers());
}

/**
 * What a read gives, or the error it throws, as plain data, with every segment read by its compiled
 * reader (`generic` false) or by the generic loop the compiled readers reproduce (`generic` true).
 */
export function readWith(input: Buffer | string, generic: boolean, options: ParseOptions = {}): ParseResult | { thrown: string } {
  readSegmentsGenerically(generic);
  try {
    return JSON.parse(JSON.stringify(parseX12(input, options))) as ParseResult;
  } catch (e) {
    return { thrown: String(e) };
  } finally {
    readSegmentsGenerically(false);
  }
}

/** Errors of a read as code:segment+element(-component). */
export function errors(text: string): string[] {
  const r = parseX12(text);
  return [...r.findings, ...r.transactions.flatMap((t) => t.findings)]
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.code}:${f.segmentId}${f.elementPosition ?? ''}${f.componentPosition ? `-${f.componentPosition}` : ''}`);
}

/** Errors of a read as code:segment@its position in the file (ISA is 1). */
export function errorsAt(text: string): string[] {
  const r = parseX12(text);
  return [...r.findings, ...r.transactions.flatMap((t) => t.findings)]
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.code}:${f.segmentId}@${f.segmentPosition}`);
}

/** The file with segments inserted after `after` (a whole segment) and SE01 raised by their number. */
export function insert(text: string, after: string, added: readonly string[]): string {
  const withAdded = edit(text, `${after}~`, `${after}~${added.map((x) => `${x}~`).join('')}`);
  return withAdded.replace(/~SE\*(\d+)\*/, (_m, n: string) => `~SE*${Number(n) + added.length}*`);
}
