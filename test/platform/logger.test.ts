import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

const context = (functionName: string): Context =>
  ({
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: `${functionName}-request`,
    getRemainingTimeInMillis: () => 30_000,
  }) as unknown as Context;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.resetModules();
});

describe('functions that share a process (the local stack)', () => {
  it('each log as themselves, even when their invocations interleave', async () => {
    vi.stubEnv('LOG_LEVEL', 'INFO');
    vi.resetModules();
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const { lambdaHandler } = await import('#functions/platform/handler.ts');
    const { logger } = await import('#functions/platform/logger.ts');
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
    const fn = (label: string) =>
      lambdaHandler(z.object({ n: z.number() }), async ({ n }) => {
        logger.appendKeys({ fileKey: `${label}-file` });
        for (let i = 0; i < n; i += 1) {
          await tick();
          logger.info(`${label} step ${i}`);
        }
        return n;
      });
    await Promise.all([fn('A')({ n: 4 }, context('FunctionA')), fn('B')({ n: 4 }, context('FunctionB'))]);
    const logged = lines
      .flatMap((l) => l.split('\n'))
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { message: string; function_name?: string; fileKey?: string });
    expect(logged).toHaveLength(8);
    for (const line of logged) {
      const label = line.message[0];
      expect([line.function_name, line.fileKey]).toEqual([`Function${label}`, `${label}-file`]);
    }
  });
});
