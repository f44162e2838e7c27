/**
 * `rcm x12 ...`: validate, parse and generate X12 files with the engine in functions/x12.
 * Human output by default; `--json` prints one JSON object per line per file.
 */
import { createReadStream, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { amount } from '#infra/cli/output.ts';
import { X12Error } from '#functions/x12/errors.ts';
import type { Finding } from '#functions/x12/errors.ts';
import { parseX12Async } from '#functions/x12/parse.ts';
import { streamRemittanceClaims } from '#functions/x12/remittance-stream.ts';
import { FindingGroups } from '#functions/x12/finding-groups.ts';
import type { GroupedFinding } from '#functions/x12/finding-groups.ts';
import type { ParseOptions, ParsedTransaction } from '#functions/x12/parse.ts';
import type { Delimiters } from '#functions/x12/tokenizer.ts';
import type { BalanceFinding, BalanceResult } from '#functions/x12/balance835.ts';
import type { EnvelopeSummary, Profile } from '#functions/x12/envelope.ts';
import { sequentialControlNumbers, writeInterchange } from '#functions/x12/interchange-writer.ts';
import type { TransactionToWrite } from '#functions/x12/interchange-writer.ts';
import { TS837I, TS837P } from '#functions/x12/definitions/ts837.ts';
import { TS270 } from '#functions/x12/definitions/ts271.ts';
import { TS276 } from '#functions/x12/definitions/ts277.ts';
import { TS278 } from '#functions/x12/definitions/ts278.ts';
import {
  EXAMPLE_270,
  EXAMPLE_276,
  EXAMPLE_278_REQUEST,
  EXAMPLE_278_RESPONSE,
  EXAMPLE_837I,
  EXAMPLE_837P,
  EXAMPLE_PARTIES,
} from '#functions/x12/examples.ts';
import type { ModelObject } from '#functions/x12/reader.ts';

/** Where command output goes; tests pass their own. */
export interface CliIo {
  out(text: string): void;
}

const stdoutIo: CliIo = { out: (text) => void process.stdout.write(text) };

export interface TransactionSummary {
  setId: string;
  guide?: string;
  controlNumber: string;
  segmentCount: number;
  errors: number;
  warnings: number;
  balance?: BalanceResult;
}

/** What `x12 validate` reports for one file. Contains no element values, so no PHI. */
export interface FileReport {
  file: string;
  valid: boolean;
  /** The profile that gave the verdict: `conformance` (the guides, envelope counts included) or `tolerant` (intake's). */
  profile: Profile;
  /** A fatal, typed error that stopped reading (truncated, binary, wrong delimiters...). */
  error?: {
    code: string;
    message: string;
    byteOffset?: number;
    segmentPosition?: number;
    segmentId?: string;
    elementPosition?: number;
    expected: string;
  };
  summary?: EnvelopeSummary;
  /** The first {@link MAX_SET_SUMMARIES} transaction sets; `transactionSetsOmitted` counts the rest. */
  transactionSets: TransactionSummary[];
  transactionSetsOmitted?: number;
  /** Alike findings grouped, with a count and their first positions (see FindingGroups). */
  findings: GroupedFinding[];
  /** Totals over every finding, including those beyond the group cap. */
  counts: { errors: number; warnings: number; notListed: number };
}

/** Transaction set summaries listed per file; imbalances listed per transaction set. */
export const MAX_SET_SUMMARIES = 1000;
export const MAX_BALANCE_FINDINGS = 100;

export interface ReadOptions {
  strict?: boolean;
  /** `conformance` (default) or `tolerant`. */
  profile?: string;
  /** Delimiters for files without an ISA (bare ST..SE), as four characters: element, component, repetition, segment. */
  bare?: string;
}

/** Turns "*:^~" into delimiters; rejects anything but four distinct characters. */
export function bareDelimiters(spec: string): Delimiters {
  const [element, component, repetition, segment] = [...spec];
  if ([...spec].length !== 4 || new Set(spec).size !== 4 || !element || !component || !repetition || !segment) {
    throw new Error('--bare expects four distinct characters: element, component, repetition and segment separators (e.g. "*:^~")');
  }
  return { element, component, repetition, segment };
}

/** Checks a --profile value. */
export function profileOf(name: string | undefined): Profile {
  if (name === undefined || name === 'conformance') return 'conformance';
  if (name === 'tolerant') return 'tolerant';
  throw new Error('--profile expects conformance or tolerant');
}

function parseOptions(options: ReadOptions): ParseOptions {
  const out: ParseOptions = { strict: options.strict ?? false, profile: profileOf(options.profile) };
  if (options.bare) out.bareDelimiters = bareDelimiters(options.bare);
  return out;
}

function summarize(t: ParsedTransaction): TransactionSummary {
  const s: TransactionSummary = {
    setId: t.setId,
    controlNumber: t.controlNumber,
    segmentCount: t.segmentCount,
    errors: t.findings.filter((f) => f.severity === 'error').length,
    warnings: t.findings.filter((f) => f.severity === 'warning').length,
  };
  if (t.guide) s.guide = t.guide;
  if (t.balance) s.balance = t.balance;
  return s;
}

/**
 * Validates one file by streaming it through the reader intake uses (`streamRemittanceClaims`: 835s
 * one claim at a time, other sets whole), so `validate` and intake give one verdict. Memory stays
 * bounded: claims are dropped once read, findings are grouped and capped, set summaries are capped.
 */
export async function validateFile(file: string, options: ReadOptions = {}): Promise<FileReport> {
  const parseOpts = parseOptions(options); // a bad option is the caller's error, not the file's
  const report: FileReport = {
    file,
    valid: false,
    profile: parseOpts.profile ?? 'conformance',
    transactionSets: [],
    findings: [],
    counts: { errors: 0, warnings: 0, notListed: 0 },
  };
  const groups = new FindingGroups();
  let balanced = true;
  let sets = 0;
  const list = (summary: TransactionSummary): void => {
    if (sets++ < MAX_SET_SUMMARIES) report.transactionSets.push(summary);
  };
  // The 835 being read: its counts and claim-level imbalances until its trailer.
  let open: { errors: number; warnings: number; imbalances: BalanceFinding[] } | undefined;
  const count = (findings: readonly Finding[]): void => {
    groups.addAll(findings);
    if (!open) return;
    for (const f of findings) open[f.severity === 'error' ? 'errors' : 'warnings']++;
  };
  try {
    const it = streamRemittanceClaims(createReadStream(file), parseOpts);
    for (;;) {
      const r = await it.next();
      if (r.done) {
        report.summary = r.value.summary;
        groups.addAll(r.value.findings);
        break;
      }
      const e = r.value;
      switch (e.type) {
        case 'transaction':
          list(summarize(e.transaction));
          groups.addAll(e.transaction.findings);
          if (e.transaction.balance && !e.transaction.balance.balanced) balanced = false;
          break;
        case 'header':
          open = { errors: 0, warnings: 0, imbalances: [] };
          count(e.findings);
          break;
        case 'claim':
          count(e.findings);
          if (open && open.imbalances.length < MAX_BALANCE_FINDINGS) open.imbalances.push(...e.balance.slice(0, MAX_BALANCE_FINDINGS));
          break;
        case 'trailer': {
          count(e.findings);
          const t = e.transaction;
          const summary: TransactionSummary = {
            setId: t.setId,
            guide: t.guide,
            controlNumber: t.controlNumber,
            segmentCount: e.segmentCount,
            errors: open?.errors ?? 0,
            warnings: open?.warnings ?? 0,
            balance: { ...e.balance, findings: [...(open?.imbalances ?? []), ...e.balance.findings] },
          };
          if (!e.balance.balanced) balanced = false;
          list(summary);
          open = undefined;
          break;
        }
      }
    }
    if (sets > MAX_SET_SUMMARIES) report.transactionSetsOmitted = sets - MAX_SET_SUMMARIES;
    report.valid = groups.totals.error === 0 && balanced;
  } catch (e) {
    if (!(e instanceof X12Error)) {
      const code = (e as NodeJS.ErrnoException).code ?? 'READ_FAILED';
      report.error = { code, message: `cannot read file (${code})`, expected: 'a readable file' };
      return report;
    }
    report.error = { code: e.code, message: e.message, expected: e.expected };
    if (e.byteOffset !== undefined) report.error.byteOffset = e.byteOffset;
    if (e.segmentPosition !== undefined) report.error.segmentPosition = e.segmentPosition;
    if (e.segmentId !== undefined) report.error.segmentId = e.segmentId;
    if (e.elementPosition !== undefined) report.error.elementPosition = e.elementPosition;
  } finally {
    report.findings = groups.list();
    report.counts = {
      errors: groups.totals.error,
      warnings: groups.totals.warning,
      notListed: groups.dropped.error + groups.dropped.warning,
    };
  }
  return report;
}

function describeFinding(f: GroupedFinding): string {
  const where: string[] = [];
  if (f.byteOffset !== undefined) where.push(`byte ${f.byteOffset}`);
  if (f.segmentPosition !== undefined) where.push(`segment ${f.segmentPosition}${f.segmentId ? ` ${f.segmentId}` : ''}`);
  if (f.elementPosition !== undefined) where.push(`element ${f.elementPosition}${f.componentPosition ? `-${f.componentPosition}` : ''}`);
  const more =
    f.count > 1
      ? ` [${f.count} times; also at segment ${f.occurrences
          .slice(1)
          .map((o) => o.segmentPosition)
          .join(', ')}${f.count > f.occurrences.length ? ', ...' : ''}]`
      : '';
  return `${f.severity.padEnd(7)} ${f.code} (${where.join(', ')}): ${f.message}${more}`;
}

/** Human-readable report for one file. */
export function formatReport(r: FileReport): string {
  const lines = [`${r.file}: ${r.valid ? 'valid' : 'INVALID'} (${r.profile} profile)`];
  if (r.error) lines.push(`  error   ${r.error.message}`);
  if (r.summary)
    lines.push(`  ${r.summary.interchanges} interchange(s), ${r.summary.groups} group(s), ${r.summary.transactionSets} transaction set(s)`);
  for (const t of r.transactionSets) {
    let line = `  ${t.setId} ${t.guide ?? '(unsupported)'} #${t.controlNumber}: ${t.segmentCount} segments, ${t.errors} error(s), ${t.warnings} warning(s)`;
    if (t.balance) {
      const b = t.balance;
      line += `; ${b.claimCount} claim(s), charged ${amount(b.totalChargeCents)}, paid ${amount(b.totalClaimPaymentCents)}, PLB ${amount(b.totalProviderAdjustmentCents)}, BPR ${amount(b.totalPaymentCents)}: ${b.balanced ? 'balanced' : 'NOT BALANCED'}`;
      for (const f of b.findings) {
        line +=
          f.level === 'transaction'
            ? `\n    imbalance (transaction): claims ${amount(f.claimPaymentCents)} - PLB ${amount(f.providerAdjustmentCents)} != BPR ${amount(f.totalPaymentCents)} (off by ${amount(f.differenceCents)})`
            : `\n    imbalance (${f.level}${f.level === 'service' ? ` line ${f.serviceIndex + 1}` : ''}) claim ${f.claimId}: charge ${amount(f.chargeCents)} - adjustments ${amount(f.adjustmentCents)} != paid ${amount(f.paymentCents)} (off by ${amount(f.differenceCents)})`;
      }
    }
    lines.push(line);
  }
  if (r.transactionSetsOmitted) lines.push(`  ... and ${r.transactionSetsOmitted} more transaction set(s)`);
  lines.push(`  ${r.counts.errors} error(s), ${r.counts.warnings} warning(s)`);
  for (const f of r.findings) lines.push(`  ${describeFinding(f)}`);
  if (r.counts.notListed) lines.push(`  ... and ${r.counts.notListed} finding(s) of other kinds not listed`);
  return lines.join('\n') + '\n';
}

/** Builds the example interchange for `x12 example`. */
export function exampleInterchange(kind: string): string {
  const table: Record<string, TransactionToWrite> = {
    '837p': { def: TS837P, model: EXAMPLE_837P as unknown as ModelObject },
    '837i': { def: TS837I, model: EXAMPLE_837I as unknown as ModelObject },
    '270': { def: TS270, model: EXAMPLE_270 },
    '276': { def: TS276, model: EXAMPLE_276 },
    '278': { def: TS278, model: EXAMPLE_278_REQUEST },
    '278-response': { def: TS278, model: EXAMPLE_278_RESPONSE },
  };
  const t = table[kind.toLowerCase()];
  if (!t) throw new Error(`unknown example "${kind}": expected one of ${Object.keys(table).join(', ')}`);
  return writeInterchange(EXAMPLE_PARTIES, [t], sequentialControlNumbers());
}

/** Adds `x12 validate`, `x12 parse` and `x12 example` to the CLI. */
export function registerX12Commands(program: Command, io: CliIo = stdoutIo): void {
  const x12 = program
    .command('x12')
    .description('read, validate and generate X12 5010 files (835, 837P/I, 270/271, 276/277, 277CA, 278, 999)');

  x12
    .command('validate')
    .description('check envelopes, guide rules and 835 balancing; exit code 0 only when every file is valid')
    .argument('<files...>', 'X12 files')
    .option('--json', 'one JSON object per line per file')
    .option(
      '--profile <profile>',
      'conformance (default: every departure from the guides is an error) or tolerant (intake: envelope counts and control numbers that do not add up are warnings)',
    )
    .option('--strict', 'stop at the first envelope mismatch with a typed error')
    .option('--bare <delimiters>', 'read files without ISA envelope using these delimiters, e.g. "*:^~"')
    .action(async (files: string[], opts: { json?: boolean; strict?: boolean; bare?: string; profile?: string }) => {
      let allValid = true;
      for (const file of files) {
        const report = await validateFile(file, opts);
        allValid &&= report.valid;
        io.out(opts.json ? JSON.stringify(report) + '\n' : formatReport(report));
      }
      process.exitCode = allValid ? 0 : 1;
    });

  x12
    .command('parse')
    .description('print the typed model of every transaction set (contains PHI: handle the output accordingly)')
    .argument('<file>', 'X12 file')
    .option('--json', 'compact JSON on one line (default: indented)')
    .option('--profile <profile>', 'conformance (default) or tolerant, as for validate')
    .option('--strict', 'stop at the first envelope mismatch with a typed error')
    .option('--bare <delimiters>', 'read a file without ISA envelope using these delimiters, e.g. "*:^~"')
    .action(async (file: string, opts: { json?: boolean; strict?: boolean; bare?: string; profile?: string }) => {
      const parseOpts = parseOptions(opts);
      try {
        const result = await parseX12Async(createReadStream(file), parseOpts);
        io.out(JSON.stringify(result, null, opts.json ? undefined : 2) + '\n');
        process.exitCode = result.valid ? 0 : 1;
      } catch (e) {
        if (!(e instanceof X12Error)) throw e;
        io.out(
          JSON.stringify({
            file,
            error: {
              code: e.code,
              message: e.message,
              byteOffset: e.byteOffset,
              segmentPosition: e.segmentPosition,
              segmentId: e.segmentId,
              elementPosition: e.elementPosition,
              expected: e.expected,
            },
          }) + '\n',
        );
        process.exitCode = 1;
      }
    });

  x12
    .command('example')
    .description('write a complete, valid example built by the writer from the fixture claim model')
    .argument('<kind>', '837p | 837i | 270 | 276 | 278 (a prior authorization request) | 278-response')
    .option('--out <file>', 'write to a file instead of stdout')
    .action((kind: string, opts: { out?: string }) => {
      const text = exampleInterchange(kind);
      if (opts.out) writeFileSync(opts.out, text);
      else io.out(text);
    });
}
