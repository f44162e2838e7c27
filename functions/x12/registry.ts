import type { TransactionSetDef } from './schema.ts';
import { TS835 } from './definitions/ts835.ts';
import { TS270, TS271 } from './definitions/ts271.ts';
import { TS276, TS277 } from './definitions/ts277.ts';
import { TS277CA } from './definitions/ts277ca.ts';
import { TS999 } from './definitions/ts999.ts';
import { TS837I, TS837P } from './definitions/ts837.ts';
import { TS278 } from './definitions/ts278.ts';

const registered: TransactionSetDef[] = [TS835, TS270, TS271, TS276, TS277, TS277CA, TS999, TS837P, TS837I, TS278];

/** Registers further definitions (each guide module adds itself in index.ts). */
export function registerDefinition(def: TransactionSetDef): void {
  if (!registered.includes(def)) registered.push(def);
  found.clear();
}

/**
 * GS01, the functional identifier code, of a transaction set we define (a group holds sets of one
 * kind, and each definition names it: HP for the 835, HN for the 277 and the 277CA alike...).
 */
export function functionalIdOf(setId: string): string | undefined {
  return registered.find((d) => d.id === setId)?.functionalId;
}

/** Answers so far, by set id and then reference ('' for none): every transaction set asks. */
const found = new Map<string, Map<string, TransactionSetDef | undefined>>();

/**
 * Finds the definition for ST01 and the implementation reference (ST03 or GS08). Errata suffixes
 * (A1, A2, A3) are accepted for the same guide: 005010X222A2 reads with the X222A1 definition.
 * Without any reference (a bare ST..SE) the only definition of that set id is used; other versions
 * (4010) and guides not defined here are unsupported.
 */
export function findDefinition(setId: string, implementationReference: string | undefined): TransactionSetDef | undefined {
  let bySet = found.get(setId);
  if (bySet === undefined) {
    // Bounded: ids and references come from the input, so a file of made-up ones must not grow this.
    if (found.size > 64) found.clear();
    found.set(setId, (bySet = new Map()));
  }
  const reference = implementationReference ?? '';
  if (bySet.has(reference)) return bySet.get(reference);
  if (bySet.size > 64) bySet.clear();
  const def = lookUp(setId, implementationReference);
  bySet.set(reference, def);
  return def;
}

function lookUp(setId: string, implementationReference: string | undefined): TransactionSetDef | undefined {
  const candidates = registered.filter((d) => d.id === setId);
  if (!implementationReference) return candidates.length === 1 ? candidates[0] : undefined;
  const guide = implementationReference.replace(/A\d$/, '');
  return candidates.find((d) => d.version.replace(/A\d$/, '') === guide);
}
