/**
 * Helpers shared by the exchange builders and readers: the typed input error, interchange envelopes,
 * dates, X12-safe text, and PHI-free summaries of engine findings and STC status codes.
 * Pure: no AWS, no clock (every "now" is an argument).
 */
import { createHash } from 'node:crypto';
import { groupCreatedAt, parseX12 } from '#functions/x12/index.ts';
import type {
  ControlNumberSource,
  Finding,
  InterchangeParties,
  ParsedTransaction,
  Party,
  Status,
  StatusCode,
} from '#functions/x12/index.ts';
import type { Coverage } from '#schemas/coverage.ts';
import { AppError } from '#functions/errors/index.ts';

/**
 * Thrown when our records cannot make a valid request (a missing provider, a corrected claim without
 * the original claim number...). `issues` name the fields at fault, never their values (they may be PHI).
 */
export class ExchangeInputError extends AppError {
  override readonly name = 'ExchangeInputError';
  /** One entry per problem, e.g. `claims[0].claim.originalPayerClaimNumber: required for frequency 7 or 8`. */
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super(`invalid exchange input: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? `; and ${issues.length - 5} more` : ''}`);
    this.issues = issues;
  }
}

/** A point in time: a `Date` or an ISO 8601 instant (what Step Functions' `$$.State.EnteredTime` gives). */
export type Instant = Date | string;

/**
 * The interchange (ISA/GS) identities of a request. Qualifiers default to `ZZ` (mutually defined).
 * `usageIndicator` is deliberate configuration: `T` for test traffic, `P` for production.
 */
export interface InterchangeIds {
  senderQualifier?: string;
  senderId: string;
  receiverQualifier?: string;
  receiverId: string;
  /** GS02/GS03 application codes; default to the interchange ids. */
  applicationSenderCode?: string;
  applicationReceiverCode?: string;
  usageIndicator: 'P' | 'T';
  /** ISA14: ask for a TA1 (default `0`). */
  acknowledgmentRequested?: '0' | '1';
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** CCYYMMDD and HHMM of an instant, in UTC. Throws {@link ExchangeInputError} for an invalid instant. */
export function stamp(now: Instant): { date: string; time: string } {
  const d = typeof now === 'string' ? new Date(now) : now;
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new ExchangeInputError(['now: an ISO 8601 instant']);
  return {
    date: `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}`,
    time: `${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}`,
  };
}

/** The engine's interchange parties for our ids and `now`. */
export function interchangeParties(ids: InterchangeIds, now: Instant): InterchangeParties {
  const { date, time } = stamp(now);
  const out: InterchangeParties = {
    senderQualifier: ids.senderQualifier ?? 'ZZ',
    senderId: ids.senderId,
    receiverQualifier: ids.receiverQualifier ?? 'ZZ',
    receiverId: ids.receiverId,
    date,
    time,
    usageIndicator: ids.usageIndicator,
    acknowledgmentRequested: ids.acknowledgmentRequested ?? '0',
  };
  if (ids.applicationSenderCode) out.applicationSenderCode = ids.applicationSenderCode;
  if (ids.applicationReceiverCode) out.applicationReceiverCode = ids.applicationReceiverCode;
  return out;
}

/** Control numbers as the engine writes them: ISA13 (nine digits), GS06, ST02 (at least four digits). */
export interface IssuedControlNumbers {
  interchange: string[];
  group: string[];
  transaction: string[];
}

/** Wraps a control-number source so that the numbers handed to the writer can be reported back. */
export function recordingControls(source: ControlNumberSource): { controls: ControlNumberSource; issued: IssuedControlNumbers } {
  const issued: IssuedControlNumbers = { interchange: [], group: [], transaction: [] };
  return {
    issued,
    controls: {
      next(kind) {
        const n = source.next(kind);
        if (kind === 'interchange') issued.interchange.push(String(n).padStart(9, '0'));
        else if (kind === 'group') issued.group.push(String(n));
        else issued.transaction.push(String(n).padStart(4, '0'));
        return n;
      },
    },
  };
}

/** `YYYY-MM-DD` → `CCYYMMDD`. */
export const ymd = (iso: string): string => iso.replaceAll('-', '');

/** `CCYYMMDD` → `YYYY-MM-DD`, or undefined when the text is not such a date. */
export function isoDate(x12: string | undefined): string | undefined {
  if (!x12 || !/^\d{8}$/.test(x12)) return undefined;
  return `${x12.slice(0, 4)}-${x12.slice(4, 6)}-${x12.slice(6, 8)}`;
}

/** Follow-up actions (AAA04) that say to ask again, after correcting or later. */
const RETRYABLE_ACTIONS: ReadonlySet<string> = new Set(['C', 'P', 'R', 'W', 'X']);

/** Whether a request error's follow-up action (AAA04) lets the same request be sent again. */
export const isRetryableAction = (code: string | undefined): boolean => code !== undefined && RETRYABLE_ACTIONS.has(code);

/** A D8 date, or an RD8 range when the two days differ. */
export function period(qualifier: string, from: string, to: string = from): { qualifier: string; format: 'D8' | 'RD8'; value: string } {
  return from === to ? { qualifier, format: 'D8', value: ymd(from) } : { qualifier, format: 'RD8', value: `${ymd(from)}-${ymd(to)}` };
}

/**
 * Text made safe for an X12 element: accents folded (É → E), upper case (what payers match on),
 * delimiters (`* : ^ ~`), control and other non-ASCII characters replaced by spaces, spaces collapsed,
 * trimmed and cut to `max` characters.
 */
export function x12Text(value: string, max: number): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^\x20-\x7E]|[*:^~]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}

/** A person as an NM1 (last, first, middle name cut to the guides' lengths: 60, 35, 25). */
export function person(name: {
  lastName: string;
  firstName?: string;
  middleName?: string;
}): Pick<Party, 'entityType' | 'lastName' | 'firstName' | 'middleName'> {
  const out: Pick<Party, 'entityType' | 'lastName' | 'firstName' | 'middleName'> = {
    entityType: '1',
    lastName: x12Text(name.lastName, 60),
  };
  if (name.firstName) out.firstName = x12Text(name.firstName, 35);
  if (name.middleName) out.middleName = x12Text(name.middleName, 25);
  return out;
}

/** Name of a provider as an NM1: organisation when it has an organisation name, else a person. */
export function providerName(p: {
  organizationName?: string;
  lastName?: string;
  firstName?: string;
}): Pick<Party, 'entityType' | 'lastName' | 'firstName'> {
  if (p.organizationName) return { entityType: '2', lastName: x12Text(p.organizationName, 60) };
  const out: Pick<Party, 'entityType' | 'lastName' | 'firstName'> = { entityType: '1', lastName: x12Text(p.lastName ?? '', 60) };
  if (p.firstName) out.firstName = x12Text(p.firstName, 35);
  return out;
}

/** The provider as the 270's information receiver or the 278's requester (NM1*1P, by NPI). */
export function informationReceiver(provider: { organizationName?: string; lastName?: string; firstName?: string; npi: string }) {
  return { entityCode: '1P', ...providerName(provider), idQualifier: 'XX', id: provider.npi };
}

/** What makes a patient, coverage and payer unusable together in a request about that member (270, 278). */
export function memberIssues(input: {
  patient: { patientId: string };
  coverage: Pick<Coverage, 'patientId' | 'payerId' | 'relationshipToSubscriber' | 'subscriber'>;
  payer: { payerId: string };
}): string[] {
  const { patient, coverage, payer } = input;
  const issues: string[] = [];
  if (coverage.patientId !== patient.patientId) issues.push("coverage: not the patient's coverage");
  if (coverage.payerId !== payer.payerId) issues.push("payer: not the coverage's payer");
  if (coverage.relationshipToSubscriber !== 'self' && !coverage.subscriber)
    issues.push('coverage.subscriber: required when the patient is not the subscriber');
  return issues;
}

/** INS02 of a dependent in the 270 and 278: the patient's relationship to the subscriber. */
export const INS_RELATIONSHIP: Readonly<Record<Exclude<Coverage['relationshipToSubscriber'], 'self'>, string>> = {
  spouse: '01',
  child: '19',
  other: '34',
};

/** True when an id can go into an element unchanged: 1-`max` printable ASCII characters, no X12 delimiters. */
export function isSafeId(value: string | undefined, max: number): boolean {
  return (
    typeof value === 'string' &&
    value.length >= 1 &&
    value.length <= max &&
    /^[\x20-\x7E]+$/.test(value) &&
    !/[*:^~]/.test(value) &&
    value.trim() === value
  );
}

/**
 * A quantity as an exact X12 decimal string (units are numbers in our contracts): integers as digits,
 * fractions to at most three places. Undefined for a non-finite or non-positive number.
 */
export function quantity(n: number): string | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  if (Number.isInteger(n)) return String(n);
  const s = n.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
  return s === '0' ? undefined : s;
}

/** A finding without its message: code and location only (the engine's findings never hold values). */
export interface FindingSummary {
  severity: 'error' | 'warning';
  code: string;
  segmentId?: string;
  segmentPosition?: number;
  elementPosition?: number;
}

/** Summaries of engine findings, for results that travel through a workflow. */
export function summarizeFindings(findings: readonly Finding[]): FindingSummary[] {
  return findings.map((f) => {
    const out: FindingSummary = { severity: f.severity, code: f.code };
    if (f.segmentId !== undefined) out.segmentId = f.segmentId;
    if (f.segmentPosition !== undefined) out.segmentPosition = f.segmentPosition;
    if (f.elementPosition !== undefined) out.elementPosition = f.elementPosition;
    return out;
  });
}

/** The transaction sets of one interchange file with a given set id (and guide, when given), plus every finding. */
export function transactionsOf(
  input: string | Uint8Array,
  setId: string,
  guide?: string,
): { transactions: ParsedTransaction[]; findings: FindingSummary[] } {
  const parsed = parseX12(input, { profile: 'tolerant' });
  const transactions = parsed.transactions.filter(
    (t) => t.setId === setId && (guide === undefined || (t.guide ?? t.implementationReference ?? '').startsWith(guide)),
  );
  const findings = summarizeFindings([...parsed.findings, ...transactions.flatMap((t) => t.findings)]);
  return { transactions, findings };
}

/** One STC status: category (STC01-1), status code (STC01-2) and entity (STC01-3). */
export interface StatusSummary {
  category: string;
  code: string;
  entity?: string;
}

function summary(s: StatusCode): StatusSummary {
  return s.entityCode
    ? { category: s.categoryCode, code: s.statusCode, entity: s.entityCode }
    : { category: s.categoryCode, code: s.statusCode };
}

/** Every status code of an STC list (STC01, STC10, STC11), in order. */
export function statusSummaries(statuses: readonly Status[] | undefined): StatusSummary[] {
  const out: StatusSummary[] = [];
  for (const s of statuses ?? []) {
    out.push(summary(s.status));
    if (s.status2) out.push(summary(s.status2));
    if (s.status3) out.push(summary(s.status3));
  }
  return out;
}

/** Claim status categories (code source 507) that reject a claim at the front door. */
export const REJECTING_CATEGORIES: readonly string[] = ['A3', 'A4', 'A6', 'A7', 'A8', 'DR03', 'DR04', 'DR05', 'DR06', 'DR07'];

/** Categories that acknowledge a claim without rejecting it (received, accepted, forwarded, split). */
export const ACKNOWLEDGING_CATEGORIES: readonly string[] = ['A0', 'A1', 'A2', 'A5', 'DR01', 'DR02', 'DR08'];

/** Where a claim is, by its first STC category: what a workflow's Choice state branches on. */
export type ClaimStatusPhase =
  'acknowledged' | 'rejected' | 'not-found' | 'pending' | 'information-requested' | 'finalized' | 'error' | 'unknown';

/** The phase a category code puts a claim in. */
export function phaseOf(category: string | undefined): ClaimStatusPhase {
  if (!category) return 'unknown';
  if (category === 'A4' || category === 'D0' || category === 'DR04') return 'not-found';
  if (REJECTING_CATEGORIES.includes(category)) return 'rejected';
  if (ACKNOWLEDGING_CATEGORIES.includes(category)) return 'acknowledged';
  if (/^F\d/.test(category)) return 'finalized';
  if (/^P\d$/.test(category)) return 'pending';
  if (/^R\d{1,2}$/.test(category)) return 'information-requested';
  if (/^E\d$/.test(category)) return 'error';
  return 'unknown';
}

/**
 * What identifies a payer's acknowledgement whatever file it came in: a short tag of its interchange's
 * ISA sender, control number and date, and when the payer created it (GS04/GS05), when readable. Each
 * interchange of a file has its own (a clearinghouse's A1 and the payer's A3 for one claim, sent in one
 * file, are two acknowledgements). Never PHI: envelope ids only, hashed.
 */
export interface AcknowledgementSource {
  tag: string;
  createdAt?: string;
}

/** The {@link AcknowledgementSource} of a transaction set, or undefined when it has no ISA. */
export function acknowledgementSource(t: Pick<ParsedTransaction, 'interchange' | 'group'>): AcknowledgementSource | undefined {
  const isa = t.interchange;
  if (!isa) return undefined;
  const tag = createHash('sha256')
    .update([isa.senderQualifier, isa.senderId, isa.controlNumber, isa.date].join('\u0000'))
    .digest('hex')
    .slice(0, 16);
  const createdAt = groupCreatedAt(t.group);
  return createdAt ? { tag, createdAt } : { tag };
}
