import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '#functions/errors/index.ts';
import { requiredEnv } from './env.ts';
import { publishBusinessMetrics, resetBusinessMetrics } from './metrics.ts';

afterEach(() => {
  delete process.env.BUSINESS_METRICS;
  resetBusinessMetrics();
  vi.restoreAllMocks();
});

const emitted = () => {
  const lines: string[] = [];
  // Powertools writes EMF through its own console on stdout.
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(line);
    return true;
  });
  return lines;
};

describe('business metrics from the handler wrapper', () => {
  it('prints nothing where no metrics are configured (the local stack, the tests)', () => {
    const lines = emitted();
    publishBusinessMetrics({ claimCount: 3 });
    expect(lines).toEqual([]);
  });

  it('emits the configured numeric fields and counts, never a string', () => {
    process.env.BUSINESS_METRICS = JSON.stringify([
      { name: 'ClaimsSubmitted', field: 'claimCount', unit: 'Count' },
      { name: 'ChargeCentsSubmitted', field: 'totalChargeCents', unit: 'Cents' },
      { name: 'PatientName', field: 'patientName', unit: 'Count' },
      { name: 'Calls', unit: 'Count' },
    ]);
    const lines = emitted();
    publishBusinessMetrics({ claimCount: 3, totalChargeCents: 125_00, patientName: 'DOE^JANE' });
    expect(lines).toHaveLength(1);
    const emf = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(emf).toMatchObject({ ClaimsSubmitted: 3, ChargeCentsSubmitted: 12_500, Calls: 1, service: 'patient-accounts' });
    expect(lines[0]).not.toContain('DOE');
    expect(emf).not.toHaveProperty('PatientName');
  });

  it('never fails the invocation over a metrics problem', () => {
    process.env.BUSINESS_METRICS = '{not json';
    expect(() => publishBusinessMetrics({ claimCount: 1 })).not.toThrow();
  });
});

describe('required configuration', () => {
  it('is a non-retryable ConfigurationError naming the variable', () => {
    delete process.env.SOME_REQUIRED_VARIABLE;
    expect(() => requiredEnv('SOME_REQUIRED_VARIABLE')).toThrow(ConfigurationError);
    expect(() => requiredEnv('SOME_REQUIRED_VARIABLE')).toThrow(/SOME_REQUIRED_VARIABLE/);
  });
});
