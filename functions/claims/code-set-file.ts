/** Loads an ICD-10-CM release file from disk (the only I/O in the claims module). */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseIcd10CmCodeSet, type Icd10CmCodeSet } from './code-set.ts';

/** Reads a CMS order file or codes file (latin1 text, as CMS ships it). */
export function loadIcd10CmCodeSetFile(path: string): Icd10CmCodeSet {
  return parseIcd10CmCodeSet(readFileSync(path, 'latin1'), basename(path));
}

/** The small sample shipped for tests and demos: a few dozen real codes in the order-file layout. */
export const sampleCodeSetPath = join(dirname(fileURLToPath(import.meta.url)), 'data', 'icd10cm-order-sample.txt');
