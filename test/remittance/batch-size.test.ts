/**
 * The size of PayerFileIntake's posting batches follows from how a batch writes: its clean claims go
 * out 14 to a shared transaction (DynamoDB's 100 items over a clean claim's 7), so a batch of a whole
 * number of transactions sends no small last one. 100 claims made seven full transactions and one of two.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLEAN_CLAIMS_PER_TRANSACTION } from '#functions/store/transaction-groups.ts';

const intake = JSON.parse(readFileSync(new URL('../../workflows/payer-file-intake.asl.json', import.meta.url), 'utf8')) as {
  States: Record<string, { ItemBatcher?: { MaxItemsPerBatch?: number } }>;
};

describe("PostClaims' batches", () => {
  it('hold a whole number of shared transactions of clean claims, close to a hundred claims', () => {
    const size = intake.States.PostClaims?.ItemBatcher?.MaxItemsPerBatch;
    expect(size).toBeDefined();
    expect(size! % CLEAN_CLAIMS_PER_TRANSACTION).toBe(0);
    expect(size).toBe(7 * CLEAN_CLAIMS_PER_TRANSACTION);
  });
});
