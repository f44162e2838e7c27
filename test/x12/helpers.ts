import { readFileSync } from 'node:fs';

const FIX = new URL('../fixtures/x12/', import.meta.url);

/** Reads a fixture by its path under test/fixtures/x12. */
export function fixture(path: string): Buffer {
  return readFileSync(new URL(path, FIX));
}

/** A public file with its segment terminators unwrapped (the line break after each `~` taken out). */
export function publicFile(path: string): string {
  return fixture(path)
    .toString('latin1')
    .replace(/~\r?\n/g, '~');
}

/** The file with its first `from` replaced (which must be there: a test that edits nothing proves nothing). */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`no ${from}`);
  return text.replace(from, to);
}

export const LFH = 'LinuxForHealth-x12/src/tests/resources/';
export const IMS = 'imsweb-x12-parser/src/test/resources/';
export const AFFECT = 'affect-therapeutics-edi-835-parser/tests/test_edi_835_files/';
export const TASTY = 'tastypackets-x12-parser/test/test-files/835/';
