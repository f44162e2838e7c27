import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RecordNotFoundError } from '#functions/errors/index.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { eligibilityCheckRequestSchema } from '#schemas/payer-requests.ts';

const context = { awsRequestId: 'req-123', functionName: 'Test', getRemainingTimeInMillis: () => 1000 } as unknown as Context;

/** What the handler threw, for assertions. */
async function failure(run: Promise<unknown>): Promise<Error & { issues?: { path: string; message: string }[] }> {
  return run.then(
    () => expect.unreachable('the handler should have failed'),
    (error: unknown) => error as Error,
  );
}

describe('a Lambda handler failing', () => {
  it('replaces a runtime error with an InternalError that carries only the request id', async () => {
    const handler = lambdaHandler(z.object({ mrn: z.string() }), async (input) => {
      throw new TypeError(`cannot read ${input.mrn}`);
    });
    const error = await failure(handler({ mrn: 'JANE.DOE.19700102' }, context));
    expect(error.name).toBe('InternalError');
    expect(error.message).toContain('req-123');
    expect(error.message).not.toContain('JANE');
    expect(error.stack).not.toContain('\n');
    expect((error as { retryable?: boolean }).retryable).toBe(true);
  });

  it("keeps an AWS service error's name (ops read it), with a message that quotes nothing and no stack frames", async () => {
    const handler = lambdaHandler(z.object({ mrn: z.string() }), async (input) => {
      throw Object.assign(new Error(`One or more parameter values were invalid: ${input.mrn}`), {
        name: 'ValidationException',
        $fault: 'client',
      });
    });
    const error = await failure(handler({ mrn: 'JANE.DOE.19700102' }, context));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain('req-123');
    expect(error.message).not.toContain('JANE');
    expect(error.stack).not.toContain('\n');
  });

  it('keeps an AppError, its stack cut to its first line', async () => {
    const handler = lambdaHandler(z.object({ claimId: z.string() }), async () => {
      throw new RecordNotFoundError('claim', 'claimId');
    });
    const error = await failure(handler({ claimId: 'JANE.DOE.19700102' }, context));
    expect(error.name).toBe('RecordNotFoundError');
    expect(error.message).toBe('claim named by claimId was not found');
    expect(error.stack).toBe('RecordNotFoundError: claim named by claimId was not found');
  });

  it('lists every bad field, not only the first', async () => {
    const handler = lambdaHandler(z.object({ a: z.string(), b: z.number().int(), c: z.array(z.string()) }), async () => 1);
    const error = await failure(handler({ a: 1, b: 1.5, c: [2] }, context));
    expect(error.name).toBe('InputValidationError');
    expect(error.issues!.map((i) => i.path)).toEqual(['a', 'b', 'c.0']);
  });
});

describe("CheckEligibility's input (a union: by coverage, or by claim)", () => {
  const handler = lambdaHandler(eligibilityCheckRequestSchema, async () => 1);

  it('names the fields of the branch the input looks like', async () => {
    const byCoverage = await failure(handler({ patientId: 'P-1', coverageId: 'COV-1', serviceTypeCodes: ['bad code'] }, context));
    expect(byCoverage.issues!.map((i) => i.path)).toEqual(['providerId', 'serviceTypeCodes.0']);
    const byClaim = await failure(handler({ claimId: 7 }, context));
    expect(byClaim.issues!.map((i) => i.path)).toEqual(['claimId']);
  });

  it('says what each branch requires when the input looks like neither', async () => {
    const error = await failure(handler({}, context));
    expect(error.message).toContain('patientId, coverageId, providerId');
    expect(error.message).toContain('claimId');
    expect(error.message).not.toContain('Invalid input');
  });
});
