/**
 * Claims: a header item, one item per service line and one per event, all in the claim's
 * partition. The header carries the index keys for CLP01, CLP07 and the status work queues;
 * events move the status through the pure lifecycle in functions/claims, guarded by a version.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { nextStatus } from '#functions/claims/lifecycle.ts';
import { appealSchema, type Appeal, type AppealStatus } from '#schemas/appeal.ts';
import { claimEventSchema, type ClaimEvent } from '#schemas/claim-event.ts';
import { claimLineSchema, claimSchema, type Claim, type ClaimStatus } from '#schemas/claim.ts';
import { indexKeys, indexPartitions, keys, withoutKeys } from './keys.ts';
import { queryAll } from './query.ts';
import { storedKeyId, storedKeys } from './batch-writes.ts';
import { addToListWithStored, claimsOfPatientControlNumber, readLists } from './set-lists.ts';
import { eachBounded } from '#functions/platform/bounded.ts';
import { backoff, isConflict, StoredItemError, type TableContext, capacityOf } from './table.ts';
import { AppError } from '#functions/errors/index.ts';

/** A claim without its lines, as the index queries return it. */
export type ClaimHeader = Omit<Claim, 'lines'>;

export interface ClaimRecord {
  readonly claim: Claim;
  readonly version: number;
  /** Events in time order. */
  readonly timeline: readonly ClaimEvent[];
  readonly appeals: readonly Appeal[];
}

export type RecordEventOutcome =
  | { readonly status: 'recorded'; readonly claimStatus: ClaimStatus }
  | { readonly status: 'already-recorded'; readonly eventId: string }
  | { readonly status: 'rejected'; readonly reason: string };

/** A claim header as read, with the version a write may be guarded by and the date its status index sorts on. */
export interface ClaimSnapshot {
  readonly claim: ClaimHeader;
  readonly version: number;
  readonly agingDate: string;
}

/** The writes that record an event on a claim, or why the claim's status does not allow it. */
export type ClaimEventWrites =
  | { readonly ok: true; readonly status: ClaimStatus; readonly items: readonly TransactItem[] }
  | { readonly ok: false; readonly reason: string };

/** One item of a TransactWriteItems as the document client takes it. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What {@link ClaimRepository.replace} did: `stale` means another writer moved the claim first (read it again). */
export type ReplaceClaimOutcome =
  | { readonly status: 'replaced'; readonly claimStatus: ClaimStatus; readonly version: number }
  | { readonly status: 'stale' }
  | { readonly status: 'already-recorded'; readonly eventId: string }
  | { readonly status: 'rejected'; readonly reason: string };

/** One page of {@link ClaimRepository.listPage}: `lastKey` is where the next page starts (absent: the status is done). */
export interface ClaimPage {
  /** Each claim with the date it ages from (its earliest date of service, the index's sort key). */
  readonly claims: readonly { readonly claim: ClaimHeader; readonly agingDate: string }[];
  readonly lastKey?: Readonly<Record<string, string>>;
}

/** The filters {@link ClaimRepository.listPage} applies within one status partition of gsi3. */
export interface ClaimPageQuery {
  readonly status: ClaimStatus;
  /** Earliest date of service on or after / on or before (the gsi3 sort key: a key condition). */
  readonly servedFrom?: string;
  readonly servedThrough?: string;
  /** A filter on the items read (not a key condition). */
  readonly payerId?: string;
  /** First submission on or after / before these instants or dates (a filter; never-submitted claims drop out). */
  readonly submittedFrom?: string;
  readonly submittedBefore?: string;
  readonly limit: number;
  readonly startKey?: Readonly<Record<string, string>>;
}

/** Whether `key` is a start key {@link ClaimRepository.listPage} returned for this status (and so safe to hand back to DynamoDB). */
export function isClaimPageKey(key: unknown, status: ClaimStatus): key is Record<string, string> {
  if (!key || typeof key !== 'object' || Array.isArray(key)) return false;
  const fields = Object.entries(key);
  return (
    fields.length === 4 &&
    fields.every(([name, value]) => ['pk', 'sk', 'gsi3pk', 'gsi3sk'].includes(name) && typeof value === 'string') &&
    (key as Record<string, unknown>).gsi3pk === indexPartitions.claimStatus(status) &&
    (key as Record<string, unknown>).sk === '#CLAIM'
  );
}

/** Thrown when a claim id is unknown. */
export class ClaimNotFoundError extends AppError {
  override readonly name = 'ClaimNotFoundError';
}

/**
 * Statuses that need no more work leave the status index (sparse gsi3), so work queues and aging
 * partitions hold only live claims and do not grow forever.
 */
export const unqueuedClaimStatuses: ReadonlySet<ClaimStatus> = new Set(['closed', 'voided', 'corrected']);

/** Statuses in which an appeal still needs work and so appears in the "due" index. */
const openAppealStatuses: ReadonlySet<AppealStatus> = new Set(['draft', 'awaiting-approval', 'submitted']);

/** The date a claim ages from: its earliest date of service. */
export function agingDate(claim: Pick<Claim, 'lines'>): string {
  return claim.lines.map((l) => l.serviceDateFrom).sort()[0] ?? '0000-00-00';
}

function header(claim: Claim): ClaimHeader {
  const { lines: _lines, ...rest } = claim;
  return rest;
}

/** Creates the claim repository. */
export function claimRepository(ctx: TableContext, options: { readonly maxAttempts?: number } = {}) {
  const maxAttempts = options.maxAttempts ?? 30;

  function headerItem(claim: Claim, version: number): Record<string, unknown> {
    return {
      ...keys.claim(claim.claimId),
      itemType: 'Claim',
      ...header(claim),
      agingDate: agingDate(claim),
      version,
      ...indexKeys.claimByPatientControlNumber(claim.patientControlNumber, claim.claimId),
      ...(claim.payerClaimControlNumber
        ? indexKeys.claimByPayerClaimNumber(claim.payerId, claim.payerClaimControlNumber, claim.claimId)
        : {}),
      ...(unqueuedClaimStatuses.has(claim.status) ? {} : indexKeys.claimByStatus(claim.status, agingDate(claim), claim.claimId)),
    };
  }

  function parseHeader(item: Record<string, unknown>): ClaimHeader {
    const body = withoutKeys(item);
    delete body.agingDate;
    const parsed = claimSchema.omit({ lines: true }).safeParse(body);
    if (!parsed.success) throw new StoredItemError(`claim ${String(item.claimId)} fails its contract`);
    return parsed.data;
  }

  /** The items {@link create} writes for a new claim: its header (version 1), its lines and its "created" event. */
  function createItems(claim: Claim, createdAt: string): Record<string, unknown>[] {
    const c = claimSchema.parse(claim);
    const created: ClaimEvent = { type: 'created', eventId: `${c.claimId}-created`, claimId: c.claimId, at: createdAt };
    return [
      headerItem(c, 1),
      ...c.lines.map((line) => ({ ...keys.claimLine(c.claimId, line.lineNumber), itemType: 'ClaimLine', ...line })),
      { ...keys.claimEvent(c.claimId, created.at, created.eventId), itemType: 'ClaimEvent', ...created },
    ];
  }

  /**
   * Stores a new claim with its lines and its "created" event in one transaction, and lists it under
   * its CLP01. Returns false (writing nothing) when the claim id already exists.
   */
  async function create(claim: Claim, createdAt: string): Promise<boolean> {
    if (claim.lines.length > 97) throw new Error(`claim ${claim.claimId}: more than 97 lines needs a batched create`);
    // Claims of this CLP01 stored before the #CLAIMS item was kept are listed with this one, so the list
    // is whole; one created within the index's lag was created here and lists itself.
    const listed = await addToListWithStored(ctx, claimsOfPatientControlNumber, claim.patientControlNumber, [claim.claimId]);
    try {
      const out = await ctx.doc.send(
        new TransactWriteCommand({
          ...capacityOf(ctx),
          // The header (first) is written only if the claim id is new.
          TransactItems: [
            ...createItems(claim, createdAt).map((Item, i) => ({
              Put: { TableName: ctx.tableName, Item, ...(i === 0 ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}) },
            })),
            listed,
          ],
        }),
      );
      ctx.meter?.record('claims.create', out.ConsumedCapacity);
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  /** The claim with its lines, timeline and appeals, in one Query; null when unknown. */
  async function get(claimId: string): Promise<ClaimRecord | null> {
    const items = await queryAll(ctx, 'claims.get', {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.claim(claimId).pk },
      ConsistentRead: true,
    });
    let head: ClaimHeader | undefined;
    let version = 0;
    const lines: Claim['lines'] = [];
    const timeline: ClaimEvent[] = [];
    const appeals: Appeal[] = [];
    for (const item of items) {
      const body = withoutKeys(item);
      if (item.itemType === 'Claim') {
        head = parseHeader(item);
        version = Number(item.version);
      } else if (item.itemType === 'ClaimLine') lines.push(claimLineSchema.parse(body));
      else if (item.itemType === 'ClaimEvent') timeline.push(claimEventSchema.parse(body));
      else if (item.itemType === 'Appeal') appeals.push(appealSchema.parse(body));
    }
    if (!head) return null;
    return { claim: { ...head, lines }, version, timeline, appeals };
  }

  /**
   * Appends an event and moves the claim's status (and work-queue index) accordingly, in one
   * transaction guarded by the claim's version. Replaying an event id is a no-op.
   */
  async function recordEvent(event: ClaimEvent): Promise<RecordEventOutcome> {
    const e = claimEventSchema.parse(event);
    for (let attempt = 1; ; attempt += 1) {
      const out = await ctx.doc.send(
        new GetCommand({ TableName: ctx.tableName, Key: keys.claim(e.claimId), ConsistentRead: true, ...capacityOf(ctx) }),
      );
      ctx.meter?.record('claims.recordEvent', out.ConsumedCapacity);
      if (!out.Item) throw new ClaimNotFoundError(`claim ${e.claimId} not found`);
      const move = eventWrites(snapshotOf(out.Item), e);
      if (!move.ok) {
        // A replayed event may no longer fit the status it moved the claim to: check before rejecting.
        const existing = await ctx.doc.send(
          new GetCommand({ TableName: ctx.tableName, Key: keys.claimEvent(e.claimId, e.at, e.eventId), ...capacityOf(ctx) }),
        );
        ctx.meter?.record('claims.recordEvent', existing.ConsumedCapacity);
        return existing.Item ? { status: 'already-recorded', eventId: e.eventId } : { status: 'rejected', reason: move.reason };
      }
      try {
        const tx = await ctx.doc.send(new TransactWriteCommand({ ...capacityOf(ctx), TransactItems: [...move.items] }));
        ctx.meter?.record('claims.recordEvent', tx.ConsumedCapacity);
        return { status: 'recorded', claimStatus: move.status };
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          if (error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return { status: 'already-recorded', eventId: e.eventId };
        } else if (!isConflict(error)) throw error;
        if (attempt >= maxAttempts)
          throw new Error(`claim ${e.claimId}: gave up after ${attempt} concurrent-update conflicts`, { cause: error });
        await backoff(attempt);
      }
    }
  }

  /** Whether the claim holds the event `eventId` recorded at `at` (a consistent read of that one item). */
  async function hasEvent(claimId: string, at: string, eventId: string): Promise<boolean> {
    const out = await ctx.doc.send(
      new GetCommand({ TableName: ctx.tableName, Key: keys.claimEvent(claimId, at, eventId), ConsistentRead: true, ...capacityOf(ctx) }),
    );
    ctx.meter?.record('claims.hasEvent', out.ConsumedCapacity);
    return out.Item !== undefined;
  }

  function snapshotOf(item: Record<string, unknown>): ClaimSnapshot {
    return { claim: parseHeader(item), version: Number(item.version), agingDate: String(item.agingDate) };
  }

  /**
   * The two writes that record `event` on the claim as it was read in `snapshot` (the event, put only
   * if absent, first; the header's status, indexes and version, guarded by the version read), for
   * {@link recordEvent} and for callers that write them in one transaction with their own items
   * (remittance posting: the claim's postings and its adjudication at once). Pure: no I/O.
   */
  function eventWrites(snapshot: ClaimSnapshot, event: ClaimEvent): ClaimEventWrites {
    const e = claimEventSchema.parse(event);
    const head = snapshot.claim;
    const transition = nextStatus(head.status, e);
    if (!transition.ok) return { ok: false, reason: transition.reason };
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':status': transition.status, ':next': snapshot.version + 1, ':expected': snapshot.version };
    let set = 'SET #status = :status, version = :next';
    let remove = '';
    if (unqueuedClaimStatuses.has(transition.status)) remove = ' REMOVE gsi3pk, gsi3sk';
    else {
      const queue = indexKeys.claimByStatus(transition.status, snapshot.agingDate, e.claimId);
      set += ', gsi3pk = :g3pk, gsi3sk = :g3sk';
      Object.assign(values, { ':g3pk': queue.gsi3pk, ':g3sk': queue.gsi3sk });
    }
    if (e.type === 'adjudicated') {
      const gsi2 = indexKeys.claimByPayerClaimNumber(head.payerId, e.payerClaimControlNumber, e.claimId);
      set += ', payerClaimControlNumber = :icn, gsi2pk = :g2pk, gsi2sk = :g2sk';
      Object.assign(values, { ':icn': e.payerClaimControlNumber, ':g2pk': gsi2.gsi2pk, ':g2sk': gsi2.gsi2sk });
    }
    if (e.type === 'submitted' && !head.submittedAt) {
      set += ', submittedAt = :sub';
      values[':sub'] = e.at;
    }
    return {
      ok: true,
      status: transition.status,
      items: [
        {
          Put: {
            TableName: ctx.tableName,
            Item: { ...keys.claimEvent(e.claimId, e.at, e.eventId), itemType: 'ClaimEvent', ...e },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: ctx.tableName,
            Key: keys.claim(e.claimId),
            UpdateExpression: set + remove,
            ConditionExpression: 'version = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
      ],
    };
  }

  /**
   * Replaces the claim (header and the lines that differ) as read in `current`, with the event that
   * explains it, in one transaction guarded by the version read: a writer that came between makes it
   * `stale` and nothing is written. The event moves the status through the lifecycle like any other;
   * replaying its id is a no-op. The set of line numbers must not change.
   */
  async function replace(current: ClaimRecord, next: Claim, event: ClaimEvent): Promise<ReplaceClaimOutcome> {
    const e = claimEventSchema.parse(event);
    const c = claimSchema.parse(next);
    if (e.claimId !== c.claimId || c.claimId !== current.claim.claimId)
      throw new Error('replace: the event and the claims must be the same claim');
    const before = new Map(current.claim.lines.map((l) => [l.lineNumber, l]));
    if (c.lines.length !== before.size || c.lines.some((l) => !before.has(l.lineNumber)))
      throw new Error(`claim ${c.claimId}: replace keeps the claim's line numbers`);
    const eventKey = keys.claimEvent(e.claimId, e.at, e.eventId);
    const transition = nextStatus(current.claim.status, e);
    if (!transition.ok) {
      const existing = await ctx.doc.send(new GetCommand({ TableName: ctx.tableName, Key: eventKey, ...capacityOf(ctx) }));
      ctx.meter?.record('claims.replace', existing.ConsumedCapacity);
      return existing.Item ? { status: 'already-recorded', eventId: e.eventId } : { status: 'rejected', reason: transition.reason };
    }
    const version = current.version + 1;
    const changedLines = c.lines.filter((l) => JSON.stringify(l) !== JSON.stringify(before.get(l.lineNumber)));
    try {
      const out = await ctx.doc.send(
        new TransactWriteCommand({
          ...capacityOf(ctx),
          TransactItems: [
            {
              Put: {
                TableName: ctx.tableName,
                Item: { ...eventKey, itemType: 'ClaimEvent', ...e },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: ctx.tableName,
                Item: headerItem({ ...c, status: transition.status }, version),
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': current.version },
              },
            },
            ...changedLines.map((line) => ({
              Put: { TableName: ctx.tableName, Item: { ...keys.claimLine(c.claimId, line.lineNumber), itemType: 'ClaimLine', ...line } },
            })),
          ],
        }),
      );
      ctx.meter?.record('claims.replace', out.ConsumedCapacity);
      return { status: 'replaced', claimStatus: transition.status, version };
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const [eventReason, headerReason] = error.CancellationReasons ?? [];
        if (eventReason?.Code === 'ConditionalCheckFailed') return { status: 'already-recorded', eventId: e.eventId };
        if (headerReason?.Code === 'ConditionalCheckFailed' || error.CancellationReasons?.some((r) => r.Code === 'TransactionConflict'))
          return { status: 'stale' };
        throw error;
      }
      if (isConflict(error)) return { status: 'stale' };
      throw error;
    }
  }

  /** Claims whose CLP01 (our patient control number) matches; usually one. */
  async function findByPatientControlNumber(patientControlNumber: string): Promise<ClaimHeader[]> {
    return (await snapshotsByPatientControlNumber(patientControlNumber)).map((s) => s.claim);
  }

  /**
   * The claims of one CLP01 with the version and aging date each was read at (the index is eventually
   * consistent: a write guarded by {@link eventWrites} on a stale snapshot fails rather than overwrites).
   */
  async function snapshotsByPatientControlNumber(patientControlNumber: string): Promise<ClaimSnapshot[]> {
    const items = await queryAll(ctx, 'claims.findByPatientControlNumber', {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitions.patientControlNumber(patientControlNumber) },
    });
    return items.map(snapshotOf);
  }

  /**
   * The claims of many CLP01s at once, for posting a batch: their #CLAIMS items, then the headers they
   * name, each in one strongly consistent BatchGetItem per 100 keys. A CLP01 without a #CLAIMS item
   * (claims stored before it was kept) is read from the index, `inFlight` queries at a time.
   */
  async function snapshotsByPatientControlNumbers(
    patientControlNumbers: readonly string[],
    inFlight: number,
  ): Promise<Map<string, ClaimSnapshot[]>> {
    const { listed: idsOf, unlisted } = await readLists(ctx, claimsOfPatientControlNumber, patientControlNumbers);
    const headers = await storedKeys(ctx, [...idsOf.values()].flat().map(keys.claim), { attributes: 'all' });
    const found = new Map<string, ClaimSnapshot[]>();
    for (const [pcn, ids] of idsOf)
      found.set(
        pcn,
        ids.flatMap((id) => {
          const item = headers.get(storedKeyId(keys.claim(id)));
          return item ? [snapshotOf(item)] : [];
        }),
      );
    await eachBounded(unlisted, inFlight, async (pcn) => {
      found.set(pcn, await snapshotsByPatientControlNumber(pcn));
    });
    return found;
  }

  /** Claims the payer knows by this CLP07 claim control number. */
  async function findByPayerClaimNumber(payerId: string, payerClaimControlNumber: string): Promise<ClaimHeader[]> {
    const items = await queryAll(ctx, 'claims.findByPayerClaimNumber', {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitions.payerClaimNumber(payerId, payerClaimControlNumber) },
    });
    return items.map(parseHeader);
  }

  /**
   * A work queue: claims in one status, oldest date of service first. `agedBefore` keeps only
   * claims whose earliest date of service is before that date (aging buckets). Closed, voided
   * and corrected claims are not indexed, so they never appear here.
   */
  async function listByStatus(
    status: ClaimStatus,
    options: { readonly agedBefore?: string; readonly limit?: number } = {},
  ): Promise<ClaimHeader[]> {
    const values: Record<string, unknown> = { ':pk': indexPartitions.claimStatus(status) };
    let condition = 'gsi3pk = :pk';
    if (options.agedBefore) {
      condition += ' AND gsi3sk < :before';
      values[':before'] = options.agedBefore;
    }
    const items = await queryAll(
      ctx,
      'claims.listByStatus',
      { IndexName: 'gsi3', KeyConditionExpression: condition, ExpressionAttributeValues: values, ScanIndexForward: true },
      options.limit,
    );
    return items.map(parseHeader);
  }

  /**
   * One page of the claims in one status (gsi3 `CLAIMS#<status>`), oldest date of service first. The
   * service-date range is a key condition on gsi3sk (`<agingDate>#<claimId>`); payer and submission
   * dates are filters, so a page may read more items than it returns: it keeps reading until the page
   * is full or the status is done. Closed, voided and corrected claims are not in the index.
   */
  async function listPage(query: ClaimPageQuery): Promise<ClaimPage> {
    if (query.startKey && !isClaimPageKey(query.startKey, query.status)) throw new Error('listPage: a start key of another query');
    const values: Record<string, unknown> = {
      ':pk': indexPartitions.claimStatus(query.status),
      ':from': query.servedFrom ?? '0000-00-00',
      // '~' sorts after every character an encoded claim id holds, so the last day is included.
      ':through': `${query.servedThrough ?? '9999-12-31'}#~`,
    };
    const filters: string[] = [];
    if (query.payerId) {
      filters.push('payerId = :payerId');
      values[':payerId'] = query.payerId;
    }
    if (query.submittedFrom) {
      filters.push('submittedAt >= :submittedFrom');
      values[':submittedFrom'] = query.submittedFrom;
    }
    if (query.submittedBefore) {
      filters.push('submittedAt < :submittedBefore');
      values[':submittedBefore'] = query.submittedBefore;
    }
    const claims: { claim: ClaimHeader; agingDate: string }[] = [];
    let startKey: Record<string, unknown> | undefined = query.startKey;
    do {
      const out = await ctx.doc.send(
        new QueryCommand({
          TableName: ctx.tableName,
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk BETWEEN :from AND :through',
          ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
          ExpressionAttributeValues: values,
          Limit: query.limit - claims.length,
          ExclusiveStartKey: startKey,
          ...capacityOf(ctx),
        }),
      );
      ctx.meter?.record('claims.listPage', out.ConsumedCapacity);
      claims.push(...(out.Items ?? []).map((item) => ({ claim: parseHeader(item), agingDate: String(item.agingDate) })));
      startKey = out.LastEvaluatedKey;
    } while (startKey && claims.length < query.limit);
    return startKey ? { claims, lastKey: startKey as Record<string, string> } : { claims };
  }

  /** Creates or replaces an appeal; open appeals are indexed by due date. */
  async function putAppeal(appeal: Appeal): Promise<void> {
    const a = appealSchema.parse(appeal);
    const item = {
      ...keys.appeal(a.claimId, a.appealId),
      itemType: 'Appeal',
      ...a,
      ...(openAppealStatuses.has(a.status) ? indexKeys.openAppealDue(a.dueDate, a.appealId) : {}),
    };
    const out = await ctx.doc.send(new PutCommand({ TableName: ctx.tableName, Item: item, ...capacityOf(ctx) }));
    ctx.meter?.record('claims.putAppeal', out.ConsumedCapacity);
  }

  /** Open appeals whose due date is before `date`, soonest first. */
  async function listAppealsDueBefore(date: string, limit?: number): Promise<Appeal[]> {
    const items = await queryAll(
      ctx,
      'claims.listAppealsDueBefore',
      {
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk < :date',
        ExpressionAttributeValues: { ':pk': indexPartitions.openAppeals, ':date': date },
      },
      limit,
    );
    return items.map((item) => appealSchema.parse(withoutKeys(item)));
  }

  return {
    create,
    createItems,
    get,
    hasEvent,
    recordEvent,
    replace,
    findByPatientControlNumber,
    snapshotsByPatientControlNumber,
    snapshotsByPatientControlNumbers,
    eventWrites,
    findByPayerClaimNumber,
    listByStatus,
    listPage,
    putAppeal,
    listAppealsDueBefore,
  };
}

export type ClaimRepository = ReturnType<typeof claimRepository>;
