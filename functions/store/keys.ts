/**
 * The single-table key scheme: the only place that decides what pk/sk and gsi1..gsi3 hold.
 *
 * | Item                | pk                     | sk                              | gsi1 (pk / sk)               | gsi2 (pk / sk)                          | gsi3 (pk / sk)                     |
 * |---------------------|------------------------|---------------------------------|------------------------------|-----------------------------------------|------------------------------------|
 * | Patient             | PATIENT#<patientId>    | #PATIENT                        |                              |                                         |                                    |
 * | Coverage            | PATIENT#<patientId>    | COVERAGE#<rank>#<coverageId>    |                              |                                         |                                    |
 * | Coverage list       | PATIENT#<patientId>    | #COVERAGES (coverageKeys, a set)|                              |                                         |                                    |
 * | Authorization       | PATIENT#<patientId>    | AUTH#<authorizationId>          |                              |                                         | AUTHS#LIVE / <validThrough>#<id>   |
 * | Account summary     | ACCOUNT#<accountId>    | #ACCOUNT (balances, version)    |                              |                                         |                                    |
 * | Ledger entry        | ACCOUNT#<accountId>    | ENTRY#<postedAt>#<entryId>      |                              |                                         |                                    |
 * | Posting marker      | POSTING#<postingKey>   | #POSTING                        |                              | PAYERPOSTINGS#<payerId>#<CLP07> / <key> |                                    |
 * | Claim header        | CLAIM#<claimId>        | #CLAIM                          | PCN#<CLP01> / CLAIM#<id>     | ICN#<payerId>#<CLP07> / CLAIM#<id>      | CLAIMS#<status> / <agingDate>#<id> |
 * | Claims of a CLP01   | PCN#<CLP01>            | #CLAIMS (claimIds, a string set)|                              |                                         |                                    |
 * | Claim line          | CLAIM#<claimId>        | LINE#<nnn>                      |                              |                                         |                                    |
 * | Claim wait          | CLAIM#<claimId>        | #WAIT (workflow task token)     |                              |                                         |                                    |
 * | Claim event         | CLAIM#<claimId>        | EVENT#<at>#<eventId>            |                              |                                         |                                    |
 * | Appeal              | CLAIM#<claimId>        | APPEAL#<appealId>               |                              |                                         | APPEALS#OPEN / <dueDate>#<id>      |
 * | Remittance          | REMIT#<remittanceId>   | #REMIT                          | TRN#<TRN02> / REMIT#<payer>#<id> |                                     |                                    |
 * | Payer profile       | PAYER#<payerId>        | #PROFILE                        |                              |                                         |                                    |
 * | Provider            | PROVIDER#<providerId>  | #PROVIDER                       |                              |                                         |                                    |
 * | Submission batch    | BATCH#<batchId>        | #BATCH                          |                              |                                         |                                    |
 * | Group control ptr   | GROUPCTL#<GS06>        | #GROUPCTL (batchId)             |                              |                                         |                                    |
 * | Counter             | COUNTER#<name>         | #COUNTER (value)                |                              |                                         |                                    |
 * | Work item           | WORK#<workItemId>      | #WORK                           | CLAIMWORK#<claimId> / <queue>#<id> |                                   | QUEUE#<queue> / <due>#<amount>#<id> |
 * | Statement request   | STATEMENT#<requestId>  | #STATEMENT                      |                              |                                         | STATEMENTS#REQUESTED / <at>#<id>   |
 * | Captured encounter  | ENCOUNTER#<encounterId>| #ENCOUNTER (claimId, fingerprint)|                             |                                         |                                    |
 * | Eligibility answer  | ELIG#<patientId>#<coverageId> | ANSWER#<dateOfService>#<checkedAt>#<trace> |          |                                         |                                    |
 * | Latest eligibility  | ELIG#<patientId>#<coverageId> | #LATEST (a copy of the newest answer) |                 |                                         |                                    |
 *
 * Access patterns, one Query each: patient with coverages (pk PATIENT#; for many patients at once
 * BatchGetItem of their #COVERAGES lists, then of the coverage items they name); account ledger in time
 * order (pk ACCOUNT#, summary sorts first); claim with lines, timeline and appeals (pk CLAIM#);
 * claim by CLP01 (gsi1 PCN#, or for many CLP01s at once BatchGetItem of their #CLAIMS items, then of
 * the headers they name) and by CLP07 (gsi2 ICN#); claims by status oldest first (gsi3
 * CLAIMS#<status>, aging date = earliest date of service; closed, voided and corrected claims drop
 * their gsi3 keys); remittances by TRN02 (gsi1 TRN#);
 * open appeals due before a date (gsi3 APPEALS#OPEN, sk < date; closed appeals drop the gsi3 keys);
 * the 835 postings of one payer claim number, for CLP02 22 reversals (gsi2 PAYERPOSTINGS#);
 * a work queue's open items by deadline, then largest amount (gsi3 QUEUE#<queue>; a resolved item
 * moves to QUEUE#<queue>#RESOLVED, newest decision last); a claim's work items (gsi1 CLAIMWORK#);
 * statements waiting to be sent, oldest request first (gsi3 STATEMENTS#REQUESTED; a sent one drops the keys);
 * a coverage's eligibility answers for one date of service, newest first (pk ELIG#, sk begins_with
 * ANSWER#<date>#, descending), and its newest answer of any date (GetItem #LATEST);
 * live authorizations (asked, pended or approved) by the day they end (gsi3 AUTHS#LIVE; denied and expired drop the keys).
 * Key parts are URI-encoded so a '#' inside an id cannot forge another key.
 * CLAIMS#<status> and APPEALS#OPEN are low-cardinality partitions: adequate for one hospital's
 * volume; shard the gsi3 pk (e.g. by month of the aging date) if a status partition grows hot.
 */
import type { CoveragePriority } from '#schemas/common.ts';

const enc = (value: string): string => encodeURIComponent(value);

/**
 * Instants in sort keys are rewritten to one fixed width (milliseconds, Z) so that "…:00Z" and
 * "…:00.500Z" sort in time order; lexical order of mixed precisions would not.
 */
export const sortableInstant = (instant: string): string => new Date(instant).toISOString();

export interface Key {
  readonly pk: string;
  readonly sk: string;
}

export const priorityRank: Readonly<Record<CoveragePriority, number>> = { primary: 1, secondary: 2, tertiary: 3 };

export const keys = {
  patient: (patientId: string): Key => ({ pk: `PATIENT#${enc(patientId)}`, sk: '#PATIENT' }),
  coverage: (patientId: string, priority: CoveragePriority, coverageId: string): Key => ({
    pk: `PATIENT#${enc(patientId)}`,
    sk: `COVERAGE#${priorityRank[priority]}#${enc(coverageId)}`,
  }),
  authorization: (patientId: string, authorizationId: string): Key => ({
    pk: `PATIENT#${enc(patientId)}`,
    sk: `AUTH#${enc(authorizationId)}`,
  }),
  account: (accountId: string): Key => ({ pk: `ACCOUNT#${enc(accountId)}`, sk: '#ACCOUNT' }),
  /** The sort keys of the patient's coverage items (a superset), so many patients' coverages are read in one BatchGetItem. */
  coveragesOfPatient: (patientId: string): Key => ({ pk: `PATIENT#${enc(patientId)}`, sk: '#COVERAGES' }),
  /** The ids of every claim carrying one CLP01, kept by `claims.create` (so many CLP01s are read in one BatchGetItem). */
  claimsOfPatientControlNumber: (pcn: string): Key => ({ pk: `PCN#${enc(pcn)}`, sk: '#CLAIMS' }),
  entry: (accountId: string, postedAt: string, entryId: string): Key => ({
    pk: `ACCOUNT#${enc(accountId)}`,
    sk: `ENTRY#${sortableInstant(postedAt)}#${enc(entryId)}`,
  }),
  posting: (postingKey: string): Key => ({ pk: `POSTING#${enc(postingKey)}`, sk: '#POSTING' }),
  claim: (claimId: string): Key => ({ pk: `CLAIM#${enc(claimId)}`, sk: '#CLAIM' }),
  claimWait: (claimId: string): Key => ({ pk: `CLAIM#${enc(claimId)}`, sk: '#WAIT' }),
  claimLine: (claimId: string, lineNumber: number): Key => ({
    pk: `CLAIM#${enc(claimId)}`,
    sk: `LINE#${String(lineNumber).padStart(3, '0')}`,
  }),
  claimEvent: (claimId: string, at: string, eventId: string): Key => ({
    pk: `CLAIM#${enc(claimId)}`,
    sk: `EVENT#${sortableInstant(at)}#${enc(eventId)}`,
  }),
  appeal: (claimId: string, appealId: string): Key => ({ pk: `CLAIM#${enc(claimId)}`, sk: `APPEAL#${enc(appealId)}` }),
  remittance: (remittanceId: string): Key => ({ pk: `REMIT#${enc(remittanceId)}`, sk: '#REMIT' }),
  payerProfile: (payerId: string): Key => ({ pk: `PAYER#${enc(payerId)}`, sk: '#PROFILE' }),
  provider: (providerId: string): Key => ({ pk: `PROVIDER#${enc(providerId)}`, sk: '#PROVIDER' }),
  submissionBatch: (batchId: string): Key => ({ pk: `BATCH#${enc(batchId)}`, sk: '#BATCH' }),
  groupControl: (groupControlNumber: number): Key => ({ pk: `GROUPCTL#${groupControlNumber}`, sk: '#GROUPCTL' }),
  counter: (name: string): Key => ({ pk: `COUNTER#${enc(name)}`, sk: '#COUNTER' }),
  workItem: (workItemId: string): Key => ({ pk: `WORK#${enc(workItemId)}`, sk: '#WORK' }),
  statementRequest: (statementRequestId: string): Key => ({ pk: `STATEMENT#${enc(statementRequestId)}`, sk: '#STATEMENT' }),
  encounter: (encounterId: string): Key => ({ pk: `ENCOUNTER#${enc(encounterId)}`, sk: '#ENCOUNTER' }),
  eligibilityAnswer: (patientId: string, coverageId: string, dateOfService: string, checkedAt: string, traceNumber: string): Key => ({
    pk: `ELIG#${enc(patientId)}#${enc(coverageId)}`,
    sk: `ANSWER#${dateOfService}#${sortableInstant(checkedAt)}#${enc(traceNumber)}`,
  }),
  latestEligibility: (patientId: string, coverageId: string): Key => ({ pk: `ELIG#${enc(patientId)}#${enc(coverageId)}`, sk: '#LATEST' }),
} as const;

/** Secondary-index keys, by access pattern. */
export const indexKeys = {
  claimByPatientControlNumber: (pcn: string, claimId: string) => ({ gsi1pk: `PCN#${enc(pcn)}`, gsi1sk: `CLAIM#${enc(claimId)}` }),
  claimByPayerClaimNumber: (payerId: string, icn: string, claimId: string) => ({
    gsi2pk: `ICN#${enc(payerId)}#${enc(icn)}`,
    gsi2sk: `CLAIM#${enc(claimId)}`,
  }),
  claimByStatus: (status: string, agingDate: string, claimId: string) => ({
    gsi3pk: `CLAIMS#${status}`,
    gsi3sk: `${agingDate}#${enc(claimId)}`,
  }),
  remittanceByTrace: (traceNumber: string, payerId: string, remittanceId: string) => ({
    gsi1pk: `TRN#${enc(traceNumber)}`,
    gsi1sk: `REMIT#${enc(payerId)}#${enc(remittanceId)}`,
  }),
  openAppealDue: (dueDate: string, appealId: string) => ({ gsi3pk: 'APPEALS#OPEN', gsi3sk: `${dueDate}#${enc(appealId)}` }),
  liveAuthorization: (validThrough: string, patientId: string, authorizationId: string) => ({
    gsi3pk: 'AUTHS#LIVE',
    gsi3sk: `${validThrough}#${enc(patientId)}#${enc(authorizationId)}`,
  }),
  openWorkItem: (queue: string, deadline: string | undefined, amountCents: number, workItemId: string) => ({
    gsi3pk: `QUEUE#${queue}`,
    // Deadline first (none sorts last), then the amount inverted so the largest comes first.
    gsi3sk: `${deadline ?? '9999-12-31'}#${String(AMOUNT_CEILING - Math.min(Math.max(amountCents, 0), AMOUNT_CEILING)).padStart(13, '0')}#${enc(workItemId)}`,
  }),
  resolvedWorkItem: (queue: string, decidedAt: string, workItemId: string) => ({
    gsi3pk: `QUEUE#${queue}#RESOLVED`,
    gsi3sk: `${sortableInstant(decidedAt)}#${enc(workItemId)}`,
  }),
  workItemOfClaim: (claimId: string, queue: string, workItemId: string) => ({
    gsi1pk: `CLAIMWORK#${enc(claimId)}`,
    gsi1sk: `${queue}#${enc(workItemId)}`,
  }),
  requestedStatement: (requestedAt: string, statementRequestId: string) => ({
    gsi3pk: 'STATEMENTS#REQUESTED',
    gsi3sk: `${sortableInstant(requestedAt)}#${enc(statementRequestId)}`,
  }),
  postingByPayerClaimNumber: (payerId: string, icn: string, postingKey: string) => ({
    gsi2pk: `PAYERPOSTINGS#${enc(payerId)}#${enc(icn)}`,
    gsi2sk: enc(postingKey),
  }),
} as const;

/** Partition values used by index queries. */
export const indexPartitions = {
  patientControlNumber: (pcn: string) => `PCN#${enc(pcn)}`,
  payerClaimNumber: (payerId: string, icn: string) => `ICN#${enc(payerId)}#${enc(icn)}`,
  claimStatus: (status: string) => `CLAIMS#${status}`,
  traceNumber: (traceNumber: string) => `TRN#${enc(traceNumber)}`,
  openAppeals: 'APPEALS#OPEN',
  postingsOfPayerClaim: (payerId: string, icn: string) => `PAYERPOSTINGS#${enc(payerId)}#${enc(icn)}`,
  queue: (queue: string, status: 'open' | 'resolved') => (status === 'open' ? `QUEUE#${queue}` : `QUEUE#${queue}#RESOLVED`),
  workOfClaim: (claimId: string) => `CLAIMWORK#${enc(claimId)}`,
  requestedStatements: 'STATEMENTS#REQUESTED',
  /** The sort-key prefix of a coverage's eligibility answers for one date of service. */
  eligibilityAnswersOn: (dateOfService: string) => `ANSWER#${dateOfService}#`,
} as const;

/** Amounts above this (a hundred billion dollars) sort as equal in a queue. */
const AMOUNT_CEILING = 9_999_999_999_999;

/** Attribute names that hold keys, stripped when an item is turned back into a contract. */
export const keyAttributes = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'expiresAt',
  'itemType',
  'version',
  'taskToken',
] as const;

/** Removes key and bookkeeping attributes from a stored item. */
export function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...item };
  for (const name of keyAttributes) delete copy[name];
  return copy;
}
