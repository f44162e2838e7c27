import { readFileSync } from 'node:fs';

const FIX = new URL('../fixtures/x12/', import.meta.url);

/** Reads a fixture by its path under test/fixtures/x12. */
export function fixture(path: string): Buffer {
  return readFileSync(new URL(path, FIX));
}

export const LFH = 'LinuxForHealth-x12/src/tests/resources/';
export const IMS = 'imsweb-x12-parser/src/test/resources/';
export const AFFECT = 'affect-therapeutics-edi-835-parser/tests/test_edi_835_files/';
export const TASTY = 'tastypackets-x12-parser/test/test-files/835/';
