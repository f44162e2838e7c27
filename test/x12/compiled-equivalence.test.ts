/**
 * Whole files read with the compiled segment readers (the default) and with the generic loop over
 * plans they replaced give the same transaction sets: models, balances and findings, for every
 * fixture of the corpus (the 835s the bench is built from among them) and every mutant of every
 * supported guide.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readSegmentsGenerically } from '#functions/x12/reader.ts';
import { readWith } from './helpers.ts';
import { GUIDES, mutants } from './mutation.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/x12/', import.meta.url));

/** Every file under the fixtures folder but the notes about where they come from. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.md$/i.test(name) ? [] : [path];
  });
}

/** Read with the bench's intake profile, so that guide findings never stop a read. */
const read = (input: Buffer | string, generic: boolean) => readWith(input, generic, { profile: 'tolerant' });

afterEach(() => readSegmentsGenerically(false));

describe('compiled segment readers on whole files', () => {
  const corpus = files(FIXTURES);

  it('read every fixture as the generic reading does', () => {
    expect(corpus.length).toBeGreaterThan(20);
    let read835 = 0;
    for (const path of corpus) {
      const bytes = readFileSync(path);
      const compiled = read(bytes, false);
      expect(compiled, path).toStrictEqual(read(bytes, true));
      if ('transactions' in compiled) read835 += compiled.transactions.filter((t) => t.setId === '835' && t.model).length;
    }
    // The compiled readers did read the corpus's remittances (not only envelopes).
    expect(read835).toBeGreaterThan(10);
  });

  it.each(GUIDES)('read every mutant of $guide as the generic reading does', (spec) => {
    for (const m of mutants(spec)) expect(read(m.text, false), `${m.kind}: ${m.what}`).toStrictEqual(read(m.text, true));
  });
});
