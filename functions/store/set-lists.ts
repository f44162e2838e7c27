/**
 * List items: a string set kept under one key, so that what an index or a partition would answer one
 * Query at a time is read for many owners in one BatchGetItem. Two are kept: the claims of a CLP01
 * (`#CLAIMS`, claim ids) and the coverages of a patient (`#COVERAGES`, coverage sort keys). A list only
 * grows (ADD is a union, so concurrent writers both stay listed); readers skip a listed value whose
 * item is gone. An owner without a list is one whose items were stored before lists were kept: the
 * reader asks the index or the partition instead, and the next writer lists the older items too.
 */
import { eachBounded } from '#functions/platform/bounded.ts';
import type { TransactItem } from './claim-repository.ts';
import { storedKeyId, storedKeys } from './batch-writes.ts';
import { indexPartitions, keys, type Key } from './keys.ts';
import { queryAll } from './query.ts';
import type { TableContext } from './table.ts';

/** One kind of list: its key by owner, the set attribute, the item type, and how to find the owner's items without it. */
export interface SetList {
  readonly key: (owner: string) => Key;
  readonly attribute: string;
  readonly itemType: string;
  /** The values of the owner's items as stored, by a query: what a list begun now must name besides its own. */
  stored(ctx: TableContext, owner: string): Promise<string[]>;
}

/** The ids of every claim carrying one CLP01 (stored: by the gsi1 index, eventually consistent; a claim created within its lag lists itself). */
export const claimsOfPatientControlNumber: SetList = {
  key: keys.claimsOfPatientControlNumber,
  attribute: 'claimIds',
  itemType: 'ClaimsOfPatientControlNumber',
  async stored(ctx, pcn) {
    const items = await queryAll(ctx, 'claims.claimIdsByPatientControlNumber', {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitions.patientControlNumber(pcn) },
      ProjectionExpression: 'claimId',
    });
    return items.map((i) => String(i.claimId));
  },
};

/** The sort keys of a patient's coverage items (a superset: a coverage moved to another priority leaves its old key). */
export const coveragesOfPatient: SetList = {
  key: keys.coveragesOfPatient,
  attribute: 'coverageKeys',
  itemType: 'CoveragesOfPatient',
  async stored(ctx, patientId) {
    const items = await queryAll(ctx, 'patients.coverageKeys', {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
      ExpressionAttributeValues: { ':pk': keys.patient(patientId).pk, ':c': 'COVERAGE#' },
      ProjectionExpression: 'sk',
      ConsistentRead: true,
    });
    return items.map((i) => String(i.sk));
  },
};

/** The write that adds `values` to the owner's list, with the values of the items stored before (one query). */
export async function addToListWithStored(
  ctx: TableContext,
  list: SetList,
  owner: string,
  values: readonly string[],
): Promise<TransactItem> {
  return addToList(ctx, list, owner, [...(await list.stored(ctx, owner)), ...values]);
}

/** The write that adds `values` to the owner's list (creating it), for a transaction. */
export function addToList(ctx: TableContext, list: SetList, owner: string, values: readonly string[]): TransactItem {
  return {
    Update: {
      TableName: ctx.tableName,
      Key: list.key(owner),
      UpdateExpression: 'ADD #set :values SET itemType = :type',
      ExpressionAttributeNames: { '#set': list.attribute },
      ExpressionAttributeValues: { ':values': new Set(values), ':type': list.itemType },
    },
  };
}

/** The owners' lists (values sorted), read in strongly consistent BatchGetItems; `unlisted`: owners without one. */
export async function readLists(
  ctx: TableContext,
  list: SetList,
  owners: readonly string[],
): Promise<{ listed: Map<string, string[]>; unlisted: string[] }> {
  const distinct = [...new Set(owners)];
  const found = await storedKeys(ctx, distinct.map(list.key), { attributes: [list.attribute] });
  const listed = new Map<string, string[]>();
  const unlisted: string[] = [];
  for (const owner of distinct) {
    const item = found.get(storedKeyId(list.key(owner)));
    if (item) listed.set(owner, [...((item[list.attribute] as Set<string> | undefined) ?? [])].sort());
    else unlisted.push(owner);
  }
  return { listed, unlisted };
}

/**
 * The list items a bulk load writes (whole items: BatchWriteItem has no ADD): each owner's list as on
 * file (`onFile`, read with the loader's other checks), or for an owner without one the values of its
 * items stored before, with the loaded values added. A load must not run beside live writers of the
 * same owners (a list they add to meanwhile would be overwritten), as for the rest of the load.
 */
export class ListsToLoad {
  readonly #sets = new Map<string, Set<string>>();

  private readonly list: SetList;
  private readonly bodies: Record<string, unknown>[];
  private constructor(list: SetList, bodies: Record<string, unknown>[]) {
    this.list = list;
    this.bodies = bodies;
  }

  /** Lists for `owners`: the list on file, or the stored values (one query per owner without a list, `concurrency` at a time). */
  static async of(
    ctx: TableContext,
    list: SetList,
    owners: readonly string[],
    onFile: ReadonlyMap<string, Record<string, unknown>>,
    bodies: Record<string, unknown>[],
    concurrency: number,
  ): Promise<ListsToLoad> {
    const lists = new ListsToLoad(list, bodies);
    const unlisted: string[] = [];
    for (const owner of new Set(owners)) {
      const listed = onFile.get(storedKeyId(list.key(owner)))?.[list.attribute] as Set<string> | undefined;
      if (listed) lists.#begin(owner, listed);
      else unlisted.push(owner);
    }
    await eachBounded(unlisted, concurrency, async (owner) => lists.#begin(owner, await list.stored(ctx, owner)));
    return lists;
  }

  #begin(owner: string, values: Iterable<string>): void {
    const key = this.list.key(owner);
    const set = new Set(values);
    this.#sets.set(owner, set);
    this.bodies.push({ ...key, itemType: this.list.itemType, [this.list.attribute]: set });
  }

  /** Adds `value` to the owner's list (an owner given to {@link ListsToLoad.of}). */
  add(owner: string, value: string): void {
    const set = this.#sets.get(owner);
    if (!set) throw new Error('ListsToLoad.add: an owner not given to ListsToLoad.of');
    set.add(value);
  }
}
