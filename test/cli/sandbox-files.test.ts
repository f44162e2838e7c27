import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { balance835, parseX12 } from '#functions/x12/index.ts';

const run = promisify(execFile);

describe('rcm sandbox files', () => {
  it('writes the payer files for a batch of claims, and every 835 among them balances', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rcm-sandbox-'));
    const { stdout } = await run('node', ['bin/rcm.js', 'sandbox', 'files', '--claims', '12', '--out', out, '--json'], {
      timeout: 120_000,
    });
    const { files } = JSON.parse(stdout) as { files: string[] };
    expect(files.length).toBeGreaterThan(0);
    const remits = files.filter((f) => /\/835-/.test(f));
    expect(remits.length).toBeGreaterThan(0);
    for (const file of remits) {
      const parsed = parseX12(readFileSync(file, 'utf8'));
      expect(parsed.valid, file).toBe(true);
      for (const transaction of parsed.transactions.filter((t) => t.setId === '835')) {
        expect(balance835(transaction.model as never).balanced, file).toBe(true);
      }
    }
  });
});
