/**
 * Listing claims by status, payer and age, a page at a time.
 *
 * Which index serves which filter (keys in functions/store/keys.ts):
 * - status: gsi3, partition `CLAIMS#<status>`; without a status, each listable status in turn
 *   (closed, voided and corrected claims leave gsi3, so they are never listed);
 * - age since service: gsi3's sort key `<earliest date of service>#<claimId>`, a key condition
 *   (BETWEEN), so only claims in the range are read;
 * - payer, age since submission: filters on the gsi3 items read (`payerId`, `submittedAt`); a page
 *   may read more than it returns. Neither needs an index of its own at one hospital's volume: a
 *   status partition holds the claims still being worked, not the history.
 *
 * The page token is opaque to callers: a fingerprint of the filters, the status reached and the
 * index's start key, base64url-encoded. A token from another query (or none of ours) is an
 * InputValidationError naming nextToken. It is encoded, not encrypted: the start key holds the last
 * claim's id and first date of service, which the same caller was just given in the page.
 */
import { createHash } from 'node:crypto';
import { addDays, daysBetween } from '#functions/claims/calendar.ts';
import { InputValidationError } from '#functions/errors/index.ts';
import { isClaimPageKey, type Store } from '#functions/store/index.ts';
import type { ClaimStatus } from '#schemas/claim.ts';
import { listableClaimStatus, type ClaimSummary, type ListClaimsRequest, type ListClaimsResponse } from '#schemas/claim-queries.ts';
import { canonical } from './field-changes.ts';
import type { RecordsCall } from './ports.ts';

interface PageToken {
  /** Fingerprint of the query's filters. */
  readonly f: string;
  /** Index into the statuses of the query. */
  readonly s: number;
  /** gsi3 start key within that status; absent: its start. */
  readonly k?: Record<string, string>;
}

const filtersOf = (request: ListClaimsRequest) => ({ status: request.status, payerId: request.payerId, age: request.age });
const fingerprint = (request: ListClaimsRequest): string =>
  createHash('sha256')
    .update(canonical(filtersOf(request)))
    .digest('hex')
    .slice(0, 16);

const encodeToken = (token: PageToken): string => Buffer.from(JSON.stringify(token)).toString('base64url');

function decodeToken(token: string | undefined, statuses: readonly ClaimStatus[], print: string): PageToken {
  if (token === undefined) return { f: print, s: 0 };
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const t = value as Partial<PageToken> | undefined;
  const ok =
    t !== undefined &&
    t !== null &&
    typeof t === 'object' &&
    t.f === print &&
    Number.isInteger(t.s) &&
    t.s! >= 0 &&
    t.s! < statuses.length &&
    (t.k === undefined || isClaimPageKey(t.k, statuses[t.s!]!));
  if (!ok) throw new InputValidationError([{ path: 'nextToken', message: 'is not a token this API returned for this query' }]);
  return t as PageToken;
}

/** The index ranges an age filter means on `today`. */
function ageRanges(request: ListClaimsRequest, today: string) {
  const { age } = request;
  if (!age) return {};
  // Age in days d means the date is today - d: at least minDays old is on or before today - minDays.
  const latest = age.minDays !== undefined ? addDays(today, -age.minDays) : undefined;
  const earliest = age.maxDays !== undefined ? addDays(today, -age.maxDays) : undefined;
  if (age.since === 'service') return { ...(earliest ? { servedFrom: earliest } : {}), ...(latest ? { servedThrough: latest } : {}) };
  // submittedAt is an instant: "on or before a date" is "before the next day".
  return { ...(earliest ? { submittedFrom: earliest } : {}), ...(latest ? { submittedBefore: addDays(latest, 1) } : {}) };
}

/** One page of claims; see the module comment. */
export async function listClaims(
  deps: { readonly store: Store },
  request: ListClaimsRequest,
  call: RecordsCall,
): Promise<ListClaimsResponse> {
  const statuses: readonly ClaimStatus[] = request.status ? [request.status] : listableClaimStatus.options;
  const print = fingerprint(request);
  const token = decodeToken(request.nextToken, statuses, print);
  const today = call.at.toISOString().slice(0, 10);
  const ranges = ageRanges(request, today);
  const claims: ClaimSummary[] = [];
  let next: PageToken | undefined;
  for (let s = token.s; s < statuses.length; s += 1) {
    const startKey = s === token.s ? token.k : undefined;
    const page = await deps.store.claims.listPage({
      status: statuses[s]!,
      ...ranges,
      ...(request.payerId ? { payerId: request.payerId } : {}),
      limit: request.limit - claims.length,
      ...(startKey ? { startKey } : {}),
    });
    for (const { claim, agingDate } of page.claims) {
      claims.push({
        claimId: claim.claimId,
        patientId: claim.patientId,
        accountId: claim.accountId,
        payerId: claim.payerId,
        status: claim.status,
        claimType: claim.claimType,
        totalChargeCents: claim.totalChargeCents,
        firstServiceDate: agingDate,
        daysSinceService: daysBetween(agingDate, today),
        ...(claim.submittedAt
          ? { submittedAt: claim.submittedAt, daysSinceSubmission: daysBetween(claim.submittedAt.slice(0, 10), today) }
          : {}),
      });
    }
    if (page.lastKey) {
      next = { f: print, s, k: { ...page.lastKey } };
      break;
    }
    if (claims.length >= request.limit) {
      if (s + 1 < statuses.length) next = { f: print, s: s + 1 };
      break;
    }
  }
  for (const c of claims)
    call.recordAccess({
      patientId: c.patientId,
      record: 'claim',
      recordId: c.claimId,
      action: 'read',
      fields: ['status', 'payerId', 'totalChargeCents', 'firstServiceDate', ...(c.submittedAt ? ['submittedAt'] : [])],
    });
  return next ? { claims, nextToken: encodeToken(next) } : { claims };
}
