/**
 * Produces the statement a settled claim asked for: reads the claim (and the claims before it in its
 * chain), the patient and the account's ledger, renders the PDF into the Reports bucket under
 * `statements/<accountId>/<statementId>.pdf`, and marks the request `sent`. Idempotent: one statement
 * id per request, and a request already sent answers what it recorded without writing anything; a
 * retry after the PDF was written but before the request was marked writes the same key again.
 */
import { ClaimNotReadyError, RecordNotFoundError } from '#functions/errors/index.ts';
import { stableId } from '#functions/platform/stable-id.ts';
import { statementRequestIdFor } from '#functions/settlement/next-claim.ts';
import type { Store } from '#functions/store/index.ts';
import type { Claim } from '#schemas/claim.ts';
import type { Patient } from '#schemas/patient.ts';
import type { SentStatement, StatementRequest } from '#schemas/settlement.ts';
import type { ProduceStatementRequest, ProduceStatementResult } from '#schemas/statement.ts';
import { buildStatement } from './figures.ts';
import { renderStatementPdf, type StatementRecipient } from './pdf.ts';
import type { StatementDeps } from './ports.ts';
import { addDays } from './settings.ts';

/** Claims followed back through `priorClaimId` at most this far (primary, secondary, tertiary and a spare). */
const MAX_CHAIN = 4;

/** The statement produced for a request: one per request, so a retry writes the same object. */
export const statementIdFor = (statementRequestId: string): string => stableId('PST', statementRequestId);

/** Where a statement's PDF is kept in the Reports bucket. */
export const statementKey = (accountId: string, statementId: string): string =>
  `statements/${encodeURIComponent(accountId)}/${statementId}.pdf`;

/** The name and postal address printed on the statement (PHI: for the PDF only). */
export function recipientOf(patient: Patient): StatementRecipient {
  const a = patient.address;
  const name = [patient.firstName, patient.middleName, patient.lastName].filter(Boolean).join(' ');
  const zip = a.postalCode.length === 9 ? `${a.postalCode.slice(0, 5)}-${a.postalCode.slice(5)}` : a.postalCode;
  return { name, addressLines: [a.line1, ...(a.line2 ? [a.line2] : []), `${a.city}, ${a.state} ${zip}`] };
}

/** Renders, stores and marks one requested statement; see the module comment. */
export async function produceStatement(deps: StatementDeps, request: ProduceStatementRequest): Promise<ProduceStatementResult> {
  const { store } = deps;
  const statementRequestId = request.statementRequestId ?? statementRequestIdFor(request.claimId ?? '');
  const pending = await store.statements.get(statementRequestId);
  if (!pending) throw new RecordNotFoundError('statement request', request.statementRequestId ? 'statementRequestId' : 'claimId');
  if (pending.status === 'sent' && pending.sent) return replayed(pending, pending.sent);

  const chain = await claimChain(store, pending.claimId);
  const claim = chain.at(-1)!;
  if (claim.accountId !== pending.accountId)
    throw new ClaimNotReadyError('claimId', 'belongs to another account than its statement request');
  const patient = await store.patients.getPatientRecord(claim.patientId);
  if (!patient) throw new RecordNotFoundError("the claim's patient", 'claimId');
  const ledger = await store.ledger.getLedger(pending.accountId);

  const sentAt = deps.now().toISOString();
  const statementDate = sentAt.slice(0, 10);
  const statementId = statementIdFor(statementRequestId);
  const statement = buildStatement({
    statementId,
    statementRequestId,
    accountId: pending.accountId,
    statementDate,
    dueDate: addDays(statementDate, deps.settings.dueDays),
    chains: [chain],
    entries: ledger.entries,
  });
  const pdf = await renderStatementPdf(statement, recipientOf(patient.patient), deps.settings.billingOffice);
  const key = statementKey(pending.accountId, statementId);
  await deps.objects.put(key, pdf.bytes, 'application/pdf');

  const sent: SentStatement = {
    statementId,
    key,
    amountDueCents: statement.totals.amountDueCents,
    pages: pdf.pages,
    statementDate,
    dueDate: statement.dueDate,
    sentAt,
  };
  if ((await store.statements.markSent(statementRequestId, sent)) === 'already-sent') {
    // Another attempt marked it first: what it recorded is the statement.
    const stored = await store.statements.get(statementRequestId);
    if (stored?.sent) return replayed(stored, stored.sent);
  }
  return { ...resultOf(pending, sent), statementsProduced: 1, patientBilledCents: sent.amountDueCents };
}

const resultOf = (request: StatementRequest, sent: SentStatement) => ({
  statementRequestId: request.statementRequestId,
  claimId: request.claimId,
  statementId: sent.statementId,
  key: sent.key,
  amountDueCents: sent.amountDueCents,
  pages: sent.pages,
  statementDate: sent.statementDate,
  dueDate: sent.dueDate,
});

const replayed = (request: StatementRequest, sent: SentStatement): ProduceStatementResult => ({
  ...resultOf(request, sent),
  statementsProduced: 0,
  patientBilledCents: 0,
});

/** The claim and the claims before it (`priorClaimId`), first claim first. */
async function claimChain(store: Store, claimId: string): Promise<Claim[]> {
  const chain: Claim[] = [];
  let next: string | undefined = claimId;
  while (next && chain.length < MAX_CHAIN) {
    const record = await store.claims.get(next);
    if (!record) throw new RecordNotFoundError('claim', next === claimId ? 'claimId' : 'priorClaimId');
    chain.unshift(record.claim);
    next = record.claim.priorClaimId;
  }
  return chain;
}
