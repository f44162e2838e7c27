/** X12 control numbers (ISA13, GS06, ST02) for the requests we write, from the store's counters. */
import type { ControlNumberSource } from '#functions/x12/index.ts';
import type { Store } from './index.ts';
import { controlNumberOf } from './submission-repository.ts';

/** Control numbers for one interchange: ISA13 and the first GS06 reserved beforehand, sets counted from 1. */
export function controlsFor(interchange: number, firstGroup: number): ControlNumberSource {
  let group = firstGroup - 1;
  let transaction = 0;
  return { next: (kind) => (kind === 'interchange' ? interchange : kind === 'group' ? ++group : ++transaction) };
}

/** ISA13 and GS06 for a one-group request (270, 276), from the store's counters. */
export async function reserveControls(store: Store): Promise<{ icn: number; controls: ControlNumberSource }> {
  const [interchange, group] = await Promise.all([
    store.reference.reserveNumbers('x12-interchange'),
    store.reference.reserveNumbers('x12-group'),
  ]);
  const icn = controlNumberOf(interchange.first);
  return { icn, controls: controlsFor(icn, controlNumberOf(group.first)) };
}
