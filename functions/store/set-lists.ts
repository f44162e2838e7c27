/**
 * List items: a string set kept under one key, so that what an index or a partition would answer one
 * Query at a time is read for many owners in one BatchGetItem. Two are kept: the claims of a CLP01
 * (`#CLAIMS`, claim ids) and the coverages of a patient (`#COVERAGES`, coverage sort keys). A list only
 * grows (ADD is a union, so concurrent writers both stay listed); readers skip a listed value whose
 * item is gone. An owner without a list is one whose items were stored before lists were kept: the
 * reader asks the index or the partition instead, and the next writer lists the older items too.
 */
import type { TransactItem } from './claim-repository.ts';
import { storedKeyId, storedKeys } from './batch-writes.ts';
import { keys, type Key } from './keys.ts';
import type { TableContext } from './table.ts';

/** One kind of list: its key by owner, the set attribute and the item type. */
export interface SetList {
  readonly key: (owner: string) => Key;
  readonly attribute: string;
  readonly itemType: string;
}

/** The ids of every claim carrying one CLP01. */
export const claimsOfPatientControlNumber: SetList = {
  key: keys.claimsOfPatientControlNumber,
  attribute: 'claimIds',
  itemType: 'ClaimsOfPatientControlNumber',
};

/** The sort keys of a patient's coverage items (a superset: a coverage moved to another priority leaves its old key). */
export const coveragesOfPatient: SetList = { key: keys.coveragesOfPatient, attribute: 'coverageKeys', itemType: 'CoveragesOfPatient' };

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
 * The list items a bulk load writes (whole items, BatchWriteItem has no ADD): each owner's list as on
 * file (`onFile`, read with the loader's other checks) with the loaded values added.
 */
export class ListsToLoad {
  readonly #sets = new Map<string, Set<string>>();

  constructor(
    private readonly list: SetList,
    private readonly onFile: ReadonlyMap<string, Record<string, unknown>>,
    private readonly bodies: Record<string, unknown>[],
  ) {}

  /** Adds `value` to the owner's list; the list's item joins `bodies` the first time its owner is seen. */
  add(owner: string, value: string): void {
    const key = this.list.key(owner);
    const id = storedKeyId(key);
    let set = this.#sets.get(id);
    if (!set) {
      set = new Set((this.onFile.get(id)?.[this.list.attribute] as Set<string> | undefined) ?? []);
      this.#sets.set(id, set);
      this.bodies.push({ ...key, itemType: this.list.itemType, [this.list.attribute]: set });
    }
    set.add(value);
  }
}
