import { describe, expect, it } from 'vitest';
import { claimsOf, parseX12 } from '#functions/x12/index.ts';
import type { Acknowledgment999, ClaimStatus27x, Remittance835 } from '#functions/x12/index.ts';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSandboxFiles, writeSandboxFiles } from '#functions/payers/sandbox/files.ts';

describe('sandbox files (rcm sandbox files)', () => {
  it('produces 999, 277CA, 277 and 835 files that read back without errors, and every 835 balances', async () => {
    const files = await generateSandboxFiles({ claims: 45, seed: 7 });
    const kinds = new Set(files.map((f) => f.kind));
    expect([...kinds].sort()).toEqual(['277', '277CA', '835', '999']);
    const statuses = new Set<string>();
    const carcs = new Set<string>();
    const plb = new Set<string>();
    const ack999 = new Set<string>();
    const ca = new Set<string>();
    for (const f of files) {
      const r = parseX12(f.x12, { strict: true });
      expect(r.findings.filter((x) => x.severity === 'error')).toEqual([]);
      for (const t of r.transactions) {
        expect(t.findings.filter((x) => x.severity === 'error')).toEqual([]);
        if (f.kind === '835') {
          expect(t.balance?.balanced).toBe(true);
          const remit = t.model as unknown as Remittance835;
          for (const c of claimsOf(remit)) {
            statuses.add(c.statusCode);
            for (const s of c.services ?? [])
              for (const g of s.adjustments ?? []) for (const a of g.adjustments) carcs.add(`${g.groupCode}-${a.reasonCode}`);
          }
          for (const p of remit.providerAdjustments ?? []) for (const a of p.adjustments) plb.add(a.reason.code);
        }
        if (f.kind === '999') ack999.add((t.model as unknown as Acknowledgment999).groupResponse.acknowledgmentCode);
        if (f.kind === '277CA')
          for (const s of (t.model as unknown as ClaimStatus27x).sources[0]?.receivers[0]?.providers?.[0]?.subscribers ?? [])
            ca.add(s.claims?.[0]?.statuses?.[0]?.status.categoryCode ?? '');
      }
    }
    expect([...statuses].sort()).toEqual(['1', '2', '22', '4']);
    for (const c of [
      'CO-45',
      'PR-1',
      'PR-2',
      'PR-3',
      'CO-4',
      'CO-197',
      'CO-50',
      'CO-27',
      'CO-96',
      'CO-97',
      'CO-22',
      'CO-16',
      'CO-23',
      'CO-18',
      'CO-29',
    ])
      expect(carcs).toContain(c);
    expect(plb).toContain('L6');
    expect([...ack999].sort()).toEqual(['A', 'R']);
    expect([...ca].sort()).toEqual(['A2', 'A3']);
    // Institutional claims (837I) went through too: priced by revenue code, SVC01 NU.
    expect(files.some((f) => f.kind === '835' && f.x12.includes('SVC*NU:0300*'))).toBe(true);
    expect(files.some((f) => f.kind === '999' && f.x12.includes('AK1*HC*') && f.x12.includes('005010X223A2'))).toBe(true);
  });

  it('is deterministic for a seed', async () => {
    const a = await generateSandboxFiles({ claims: 20, seed: 3 });
    const b = await generateSandboxFiles({ claims: 20, seed: 3 });
    expect(a).toEqual(b);
  });

  it('writes every file into a directory under a unique name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sbx-files-'));
    try {
      const paths = await writeSandboxFiles(join(dir, 'out'), { claims: 16, seed: 2 });
      const names = await readdir(join(dir, 'out'));
      expect(names.sort()).toEqual(paths.map((p) => p.slice(join(dir, 'out').length + 1)).sort());
      expect(new Set(names).size).toBe(paths.length);
      expect(names.some((n) => n.startsWith('835-'))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
