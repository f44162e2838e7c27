import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDrift, renderContracts } from '#schemas/generate.ts';
import { claimEventSchema, claimSchema, coverageSchema, ledgerEntrySchema, payerProfileSchema, remittanceSchema } from '#schemas/index.ts';
import { publishedContracts } from '#schemas/registry.ts';
import { coverage, payerProfile, professionalClaim } from '#test/fixtures/accounts/builders.ts';

describe('zod contracts', () => {
  it('accept well-formed records', () => {
    expect(claimSchema.parse(professionalClaim())).toEqual(professionalClaim());
    expect(coverageSchema.parse(coverage())).toEqual(coverage());
    expect(payerProfileSchema.parse(payerProfile())).toEqual(payerProfile());
  });

  it.each<[string, () => unknown]>([
    ['fractional cents', () => claimSchema.parse(professionalClaim({ totalChargeCents: 227.5 }))],
    [
      'five modifiers',
      () =>
        claimSchema.parse(professionalClaim({ lines: [{ ...professionalClaim().lines[0]!, modifiers: ['25', '59', 'LT', 'RT', 'XS'] }] })),
    ],
    [
      'a pointer past twelve',
      () => claimSchema.parse(professionalClaim({ lines: [{ ...professionalClaim().lines[0]!, diagnosisPointers: [13] }] })),
    ],
    [
      'service end before start',
      () => claimSchema.parse(professionalClaim({ lines: [{ ...professionalClaim().lines[0]!, serviceDateTo: '2026-03-01' }] })),
    ],
    ['an impossible date', () => coverageSchema.parse(coverage({ effectiveDate: '2026-02-30' }))],
    ['termination before effective date', () => coverageSchema.parse(coverage({ terminationDate: '2024-12-31' }))],
    ['a dependent without subscriber', () => coverageSchema.parse(coverage({ relationshipToSubscriber: 'child' }))],
    ['a frequency code that is not 1, 7 or 8', () => claimSchema.parse({ ...professionalClaim(), frequencyCode: '5' })],
    [
      'a ledger entry in dollars',
      () =>
        ledgerEntrySchema.parse({
          entryId: 'E1',
          accountId: 'A1',
          kind: 'charge',
          postingKey: 'k',
          postedAt: '2026-01-01T00:00:00Z',
          splits: [{ responsibility: 'primary', amountCents: 12.34 }],
        }),
    ],
    [
      'an unknown claim event',
      () => claimEventSchema.parse({ type: 'teleported', eventId: 'e', claimId: 'c', at: '2026-01-01T00:00:00Z' }),
    ],
    ['a RARC that is not one', () => remittanceSchema.shape.claims.element.shape.remarks.parse(['XYZ'])],
  ])('reject %s', (_name, parse) => {
    expect(parse).toThrow();
  });
});

describe('JSON Schema generation', () => {
  it('publishes every contract, each a valid draft 2020-12 document', () => {
    const rendered = renderContracts();
    expect([...rendered.keys()].sort()).toEqual(
      Object.keys(publishedContracts)
        .map((n) => `${n}.json`)
        .sort(),
    );
    const claim = JSON.parse(rendered.get('claim.json') ?? '{}') as {
      $schema: string;
      required: string[];
      properties: Record<string, { type?: string }>;
    };
    expect(claim.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(claim.required).toContain('patientControlNumber');
    expect(claim.properties.totalChargeCents?.type).toBe('integer');
  });

  it('the committed schemas/json matches the contracts', () => {
    expect(findDrift(join(import.meta.dirname, '../../schemas/json'), renderContracts())).toEqual([]);
  });

  it('names drifted, missing and stale files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemas-'));
    try {
      const rendered = renderContracts();
      mkdirSync(dir, { recursive: true });
      for (const [file, text] of rendered) writeFileSync(join(dir, file), text);
      expect(findDrift(dir, rendered)).toEqual([]);
      writeFileSync(join(dir, 'claim.json'), readFileSync(join(dir, 'claim.json'), 'utf8').replace('"integer"', '"number"'));
      rmSync(join(dir, 'appeal.json'));
      writeFileSync(join(dir, 'retired.json'), '{}');
      expect(findDrift(dir, rendered)).toEqual(['appeal.json', 'claim.json', 'retired.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--check exits 0 on the committed files', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'schemas/generate.ts', '--check'], {
      cwd: join(import.meta.dirname, '../..'),
      encoding: 'utf8',
    });
    expect(out).toContain('up to date');
  });
});
