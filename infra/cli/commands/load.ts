/**
 * `rcm load`: puts a book of records (schemas/book.ts) into a stage only through its Lambda APIs, as
 * the hospital's own services would: providers and payer profiles (RegisterProvider,
 * RegisterPayerProfile), then patients (RegisterPatient), then encounters (CaptureEncounter, which
 * starts each claim's lifecycle). Every API is idempotent, so loading the same book again changes
 * nothing, and the report says so. The local stack by default; a deployed stage with `--stage`.
 */
import { readFileSync } from 'node:fs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { z } from 'zod';
import { eachBounded } from '#functions/platform/bounded.ts';
import { apiClient, ApiCallError, type ApiClient } from '#functions/api/client.ts';
import { apiFunctionNameOf } from '#infra/aws/names.ts';
import { STAGES } from '#infra/aws/stage.ts';
import { connect, NO_STACK } from '#infra/cli/connection.ts';
import { bold, dim, green, red, table } from '#infra/cli/output.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import {
  demoEncounter,
  demoHospital,
  demoNewPhysician,
  demoPayer,
  demoPeople,
  demoPhysician,
  demoSecondaryPayer,
  practicePeople,
  secondaryCoverage,
} from '#infra/local/demo/claims-story.ts';
import { isoDate } from '#schemas/common.ts';
import { bookLineSchema, bookSchema, type Book } from '#schemas/book.ts';

/** The parts of a book, in the order they are loaded (what a later part names must exist first). */
export const BOOK_PARTS = ['providers', 'payerProfiles', 'patients', 'encounters'] as const;
export type BookPart = (typeof BOOK_PARTS)[number];

/** What the load did with one record. An encounter captured before is `unchanged`. */
export type LoadStatus = 'created' | 'updated' | 'unchanged' | 'failed';

export interface LoadedRecord {
  readonly part: BookPart;
  /** The record's id (provider, payer, enterprise patient or encounter id: opaque ids, never names). */
  readonly id: string;
  readonly status: LoadStatus;
  /** Encounters: the claim built and its ClaimLifecycle execution. */
  readonly claimId?: string;
  readonly executionArn?: string;
  /** Failed: the API's error type and its message (API messages name fields, never values). */
  readonly errorType?: string;
  readonly error?: string;
}

export interface LoadReport {
  readonly records: LoadedRecord[];
  /** Per part, how many records ended in each status. */
  readonly counts: Record<BookPart, Record<LoadStatus, number>>;
  /** Nothing was created or updated (a rerun of a loaded book), and nothing failed. */
  readonly unchanged: boolean;
  readonly failed: number;
}

export interface LoadOptions {
  /** Calls in flight at once (default 8). */
  readonly concurrency?: number;
  /** The person or job the calls are made for (the audit trail's `onBehalfOf`). */
  readonly onBehalfOf?: string;
  /** Told after each record. */
  readonly onRecord?: (record: LoadedRecord) => void;
}

/** Reads a book: one JSON object (`bookSchema`), or JSON Lines (`.jsonl`/`.ndjson`, one `bookLineSchema` a line). */
export function parseBook(text: string, fileName: string): Book {
  const describe = (error: z.ZodError, where: string) =>
    // Paths only: a book holds PHI, and its values must not reach a terminal or a CI log.
    new Error(`${where}: ${error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  if (/\.(jsonl|ndjson)$/i.test(fileName)) {
    const book: Book = { providers: [], payerProfiles: [], patients: [], encounters: [] };
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new Error(`${fileName} line ${i + 1}: not JSON`);
      }
      const parsed = bookLineSchema.safeParse(value);
      if (!parsed.success) throw describe(parsed.error, `${fileName} line ${i + 1}`);
      const { kind, ...record } = parsed.data;
      if (kind === 'provider') book.providers.push(parsed.data.provider);
      else if (kind === 'payerProfile') book.payerProfiles.push(parsed.data.payerProfile);
      else if (kind === 'patient') book.patients.push(record as Book['patients'][number]);
      else book.encounters.push(record as Book['encounters'][number]);
    });
    return book;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${fileName}: not JSON (a book is one JSON object, or JSON Lines in a .jsonl file)`);
  }
  const parsed = bookSchema.safeParse(value);
  if (!parsed.success) throw describe(parsed.error, fileName);
  return parsed.data;
}

/**
 * The demo's story as a book: its hospital, physicians and payers, its patients with their coverages,
 * and their visits `5` days before `today` (plus `practice` patients of the practice's everyday volume).
 * `rcm demo` loads this same book.
 */
export function demoBook(today: string, practice = 0): Book {
  const people = [...demoPeople, ...practicePeople(practice)];
  return {
    providers: [demoHospital, demoPhysician, demoNewPhysician],
    payerProfiles: [demoPayer, demoSecondaryPayer],
    patients: people.map((p) => {
      const secondary = secondaryCoverage(p);
      return { patient: p.patient, coverages: [p.coverage, ...(secondary ? [secondary] : [])] };
    }),
    encounters: people
      .filter((p) => p.lines)
      .map((p) => ({ encounter: demoEncounter(p, today), billingProviderId: demoHospital.providerId })),
  };
}

/**
 * Loads a book through the Lambda APIs, part by part (providers, payer profiles, patients, encounters).
 * An API's refusal (an {@link ApiCallError}) fails that record and the load goes on; anything else
 * (no such function or alias, no permission, no network) stops it.
 */
export async function loadBook(book: Partial<Book>, client: ApiClient, options: LoadOptions = {}): Promise<LoadReport> {
  const size = options.concurrency ?? 8;
  const onBehalfOf = options.onBehalfOf ? { onBehalfOf: options.onBehalfOf } : {};
  const asOffice = { purposeOfUse: 'operations', ...onBehalfOf } as const;
  const forPayment = { purposeOfUse: 'payment', ...onBehalfOf } as const;
  const records: LoadedRecord[] = [];
  const attempt = async (part: BookPart, id: string, send: () => Promise<Omit<LoadedRecord, 'part' | 'id'>>) => {
    let record: LoadedRecord;
    try {
      record = { part, id, ...(await send()) };
    } catch (error) {
      if (!(error instanceof ApiCallError)) throw error;
      record = { part, id, status: 'failed', errorType: error.errorType, error: error.message };
    }
    records.push(record);
    options.onRecord?.(record);
  };
  const registered = (status: 'created' | 'updated' | 'unchanged') => ({ status });

  await eachBounded(book.providers ?? [], size, (provider) =>
    attempt('providers', provider.providerId, async () =>
      registered((await client.call('RegisterProvider', { ...asOffice, provider })).status),
    ),
  );
  await eachBounded(book.payerProfiles ?? [], size, (payerProfile) =>
    attempt('payerProfiles', payerProfile.payerId, async () =>
      registered((await client.call('RegisterPayerProfile', { ...asOffice, payerProfile })).status),
    ),
  );
  await eachBounded(book.patients ?? [], size, ({ patient, coverages }) =>
    attempt('patients', patient.patientId, async () =>
      registered((await client.call('RegisterPatient', { ...forPayment, patient, coverages })).status),
    ),
  );
  await eachBounded(book.encounters ?? [], size, ({ encounter, billingProviderId }) =>
    attempt('encounters', encounter.encounterId, async () => {
      const answer = await client.call('CaptureEncounter', { ...forPayment, encounter, billingProviderId });
      return {
        status: answer.status === 'captured' ? 'created' : 'unchanged',
        claimId: answer.claimId,
        executionArn: answer.executionArn,
      };
    }),
  );

  const zero = (): Record<LoadStatus, number> => ({ created: 0, updated: 0, unchanged: 0, failed: 0 });
  const counts = Object.fromEntries(BOOK_PARTS.map((part) => [part, zero()])) as LoadReport['counts'];
  for (const record of records) counts[record.part][record.status] += 1;
  const failed = records.filter((r) => r.status === 'failed').length;
  return { records, counts, failed, unchanged: records.every((r) => r.status === 'unchanged') };
}

/** Where the APIs are: the local stack, or a deployed stage by its naming rule (infra/aws/names.ts). */
export function stageClient(options: { stage?: string; endpoint?: string; as: string }): { client: ApiClient; target: string } {
  if (options.stage !== undefined) {
    if (!(STAGES as readonly string[]).includes(options.stage)) throw new Error(`--stage takes one of ${STAGES.join(', ')}`);
    const stage = options.stage;
    // The caller's own AWS credentials and region (environment, profile, SSO...): they must be the consumer's principal.
    const lambda = new LambdaClient({});
    return {
      client: apiClient({ lambda, qualifier: options.as, functionName: (api) => apiFunctionNameOf(stage, api) }),
      target: `stage ${stage} in AWS (functions ${apiFunctionNameOf(stage, '<Api>')}:${options.as})`,
    };
  }
  const connection = connect(options.endpoint ? { endpoint: options.endpoint } : {});
  if (!connection.local || !connection.endpoint) throw new Error(`${NO_STACK} For a deployed stage, give --stage.`);
  const lambda = new LambdaClient({ endpoint: connection.endpoint, region: 'us-east-1', credentials: localCredentials });
  return { client: apiClient({ lambda, qualifier: options.as }), target: `the local stack at ${connection.endpoint}` };
}

/** Says what to do when the stage cannot be called at all (rather than an API refusing a record). */
function explain(error: unknown, options: { stage?: string; as: string }): Error {
  const name = (error as { name?: string }).name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'ResourceNotFoundException')
    return new Error(
      options.stage
        ? `${message}. Stage ${options.stage} has no ${options.as} alias: is it deployed, and does cdk.json name consumers.${options.as} for it?`
        : `${message}. The local stack has no ${options.as} alias for that API (see apiConsumers in infra/app-model.ts).`,
    );
  if (name === 'AccessDeniedException' || name === 'AccessDeniedError')
    return new Error(`${message}. Call with the credentials of the ${options.as} consumer's principal (cdk.json consumers.${options.as}).`);
  return error instanceof Error ? error : new Error(message);
}

/** The report as the terminal shows it. */
function summary(report: LoadReport, target: string): string {
  const rows = BOOK_PARTS.map((part) => {
    const c = report.counts[part];
    return [part, String(c.created), String(c.updated), String(c.unchanged), c.failed ? red(String(c.failed)) : '0'];
  });
  const failures = report.records.filter((r) => r.status === 'failed').map((r) => `  ${r.part} ${r.id}: ${r.errorType}: ${r.error}`);
  const verdict =
    report.failed > 0
      ? red(`${report.failed} records failed; the rest are loaded. Fix them and load the book again (what is loaded stays as it is).`)
      : report.unchanged
        ? green('No change: the stage already holds this book.')
        : green('Loaded.');
  return [
    bold(`Book loaded into ${target}`),
    table(['PART', 'CREATED', 'UPDATED', 'UNCHANGED', 'FAILED'], rows),
    ...failures,
    verdict,
  ].join('\n');
}

/** What `rcm load` was given (see load-command.ts, which declares the command). */
export interface LoadCommandOptions {
  readonly demoBook?: boolean;
  readonly asOf?: string;
  readonly practice: string;
  readonly stage?: string;
  readonly endpoint?: string;
  readonly as: string;
  readonly onBehalfOf: string;
  readonly concurrency: string;
  readonly json?: boolean;
}

/** `rcm load [FILE] [--demo-book] [--stage NAME]`: loads the book, prints the report, exit status 1 when a record failed. */
export async function loadCommand(file: string | undefined, options: LoadCommandOptions): Promise<void> {
  if (Boolean(file) === Boolean(options.demoBook)) throw new Error('give a book file or --demo-book (one of them)');
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new Error('--concurrency takes a whole number from 1 to 64');
  let book: Book;
  if (file) book = parseBook(readFileSync(file, 'utf8'), file);
  else {
    const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
    if (!isoDate.safeParse(asOf).success) throw new Error('--as-of takes a date, YYYY-MM-DD');
    const practice = Number(options.practice);
    if (!Number.isInteger(practice) || practice < 0 || practice > 5_000) throw new Error('--practice takes a whole number from 0 to 5000');
    book = demoBook(asOf, practice);
  }
  const { client, target } = stageClient(options);
  let report: LoadReport;
  try {
    report = await loadBook(book, client, { concurrency, onBehalfOf: options.onBehalfOf });
  } catch (error) {
    throw explain(error, options);
  }
  if (options.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(summary(report, target));
    if (!report.unchanged && report.counts.encounters.created > 0)
      console.log(dim(`${report.counts.encounters.created} claims started their ClaimLifecycle (rcm executions list shows them).`));
  }
  if (report.failed > 0) process.exitCode = 1;
}
