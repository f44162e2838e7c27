/**
 * RecordDisclosure's checks, without a stack: the view is filed under the claim's patient, with the
 * execution and the reason, and only for an execution whose name carries the claim id as a whole part.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executionNameOf, executionNamesClaim, recordDisclosure } from '#functions/disclosures/record-disclosure.ts';
import { InputValidationError, RecordNotFoundError } from '#functions/errors/index.ts';
import type { Store } from '#functions/store/index.ts';
import type { PhiAccess } from '#schemas/api.ts';

const ARN = (name: string) => `arn:aws:states:us-east-1:000000000000:execution:ClaimLifecycle:${name}`;
// Claim ids as execution names can carry them (Step Functions refuses ':' in a name).
const claimId = fc.stringMatching(/^[A-Za-z0-9._-]{1,30}$/);

/** A store that knows one claim of one patient (a fake of the one repository method the use-case reads). */
const storeWith = (known: string, patientId: string) =>
  ({
    claims: { get: async (id: string) => (id === known ? { claim: { claimId: known, patientId } } : undefined) },
  }) as unknown as Pick<Store, 'claims'>;

describe('RecordDisclosure', () => {
  it('files the view under the claim’s patient, with the execution, the fields and the reason', async () => {
    const accesses: PhiAccess[] = [];
    const at = new Date('2026-03-02T10:00:00Z');
    const answer = await recordDisclosure(
      storeWith('CLM-1', 'PAT-1'),
      { claimId: 'CLM-1', executionArn: ARN('life-CLM-1'), fields: ['output', 'input', 'output'], reason: 'checking the 837' },
      { at, recordAccess: (a) => void accesses.push(a) },
    );
    expect(accesses).toEqual([
      {
        patientId: 'PAT-1',
        record: 'claim',
        recordId: 'CLM-1',
        action: 'read',
        fields: ['execution.input', 'execution.output'],
        reason: 'checking the 837',
        executionArn: ARN('life-CLM-1'),
      },
    ]);
    expect(answer).toEqual({ claimId: 'CLM-1', fields: ['execution.input', 'execution.output'], recordedAt: at.toISOString() });
  });

  it('names the field, never the value, and records nothing, for an unknown claim or another claim’s execution', async () => {
    const recordAccess = () => {
      throw new Error('nothing may be recorded');
    };
    const call = { at: new Date(), recordAccess };
    const unknown = recordDisclosure(
      storeWith('CLM-1', 'PAT-1'),
      { claimId: 'CLM-SECRET', executionArn: ARN('life-CLM-SECRET'), fields: ['input'], reason: 'why' },
      call,
    );
    await expect(unknown).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(unknown).rejects.not.toThrow(/SECRET/);
    const other = recordDisclosure(
      storeWith('CLM-1', 'PAT-1'),
      { claimId: 'CLM-1', executionArn: ARN('life-CLM-12'), fields: ['input'], reason: 'why' },
      call,
    );
    await expect(other).rejects.toBeInstanceOf(InputValidationError);
    await expect(other).rejects.toThrow(/^Input is not valid: executionArn: /);
    await expect(
      recordDisclosure(
        storeWith('CLM-1', 'PAT-1'),
        { claimId: 'CLM-1', executionArn: 'life-CLM-1', fields: ['input'], reason: 'why' },
        call,
      ),
    ).rejects.toThrow(/executionArn: is not a Step Functions execution ARN/);
  });

  it('accepts an execution named after the claim and refuses one named after a longer id that starts with it', () => {
    fc.assert(
      fc.property(claimId, fc.stringMatching(/^[A-Za-z0-9]{1,5}$/), (id, more) => {
        expect(executionNameOf(ARN(`life-${id}`))).toBe(`life-${id}`);
        expect(executionNamesClaim(`life-${id}`, id)).toBe(true);
        expect(executionNamesClaim(`${id}-LC1`, id)).toBe(true);
        expect(executionNamesClaim(`life-${id}${more}`, id)).toBe(false);
      }),
    );
  });
});
