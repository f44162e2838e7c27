/**
 * `rcm` loads only what the command it runs needs. `rcm --help` and `rcm x12 validate` used to load
 * every command's modules (the local stack with DynamoDB Local, s3rver and the Step Functions engine,
 * the AWS SDK, the console) at start-up: ~170 MB before reading a byte. Each command now imports its
 * heavy modules in its action; this checks which modules a real `rcm` process resolves (a Node module
 * hook records them), so it fails when a static import brings them back. No timing, no RSS figure.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '#infra/local/paths.ts';
import { fixture, TASTY } from '#test/x12/helpers.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'rcm-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loaded first (`--import`): records every module URL the process resolves, written at exit. */
const recorder = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
import { writeFileSync } from 'node:fs';
const seen = new Set();
registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); seen.add(r.url); return r; } });
process.on('exit', () => writeFileSync(process.env.RCM_MODULES_OUT, JSON.stringify([...seen])));
`)}`;

/** Runs `rcm ...args` with the recorder; the modules it loaded, as repository paths or `node_modules/<package>`. */
async function modulesLoadedBy(...args: string[]): Promise<{ modules: Set<string>; stdout: string }> {
  const out = join(dir, `modules-${args[0]}-${Math.random().toString(36).slice(2)}.json`);
  const { stdout } = await run(process.execPath, ['--import', recorder, 'bin/rcm.js', ...args], {
    env: { ...process.env, RCM_MODULES_OUT: out },
    timeout: 60_000,
  });
  const urls = JSON.parse(readFileSync(out, 'utf8')) as string[];
  const modules = new Set<string>();
  for (const url of urls) {
    if (!url.startsWith('file:')) continue; // node: builtins, the recorder itself
    const path = relative(repoRoot, fileURLToPath(url));
    modules.add(/^node_modules\/((@[^/]+\/)?[^/]+)/.exec(path)?.[0] ?? path);
  }
  return { modules, stdout };
}

/**
 * What `rcm --help` and `rcm x12 validate` may load: tsx (which runs the TypeScript on a Node without
 * type stripping; see the last test), commander, the
 * command modules, the X12 engine, and the few small modules the command declarations need (the work
 * queues' names in `rcm queue`'s help, kept apart from their zod schemas). Anything else (zod, the AWS
 * SDK, the local stack, the console, the sandbox payer, the store, the reports) must wait for the
 * command that uses it.
 */
const ALLOWED: readonly RegExp[] = [
  /^bin\/rcm\.js$/,
  /^infra\/cli\//,
  /^functions\/x12\//,
  /^functions\/accounts\/money\.ts$/, // output.ts's dollars and amounts
  /^infra\/local\/credentials\.ts$/, // the local stack's fixed key pair: two strings
  /^infra\/local\/paths\.ts$/, // the checkout's root and the running stacks' directory
  /^schemas\/work-item-names\.ts$/,
  /^node_modules\/(tsx|esbuild|get-tsconfig|resolve-pkg-maps|commander)$/,
];
const unexpected = (modules: Set<string>) => [...modules].filter((m) => !ALLOWED.some((a) => a.test(m))).sort();

describe('rcm loads only what a command needs', () => {
  it('rcm --help builds the whole command tree without the AWS SDK or the local stack', async () => {
    const { modules, stdout } = await modulesLoadedBy('--help');
    expect(stdout).toContain('x12');
    expect(modules).toContain('infra/cli/program.ts');
    expect(unexpected(modules)).toEqual([]);
  });

  it('rcm x12 validate reads an 835 with the X12 engine alone', async () => {
    const file = join(dir, 'profee.835');
    writeFileSync(file, fixture(`${TASTY}profee.edi`));
    const { modules, stdout } = await modulesLoadedBy('x12', 'validate', file);
    expect(stdout).toMatch(/profee\.835: valid/);
    expect(modules).toContain('functions/x12/remittance-stream.ts');
    expect(unexpected(modules)).toEqual([]);
  });

  // Node 22.18 and later strip the types themselves: rcm then starts without a TypeScript compiler
  // (about half the start-up time tsx took, see the startup bench).
  it.runIf(process.features.typescript === 'strip')(
    'on a Node that strips types, rcm runs its TypeScript without tsx or esbuild',
    async () => {
      const { modules, stdout } = await modulesLoadedBy('--help');
      expect(stdout).toContain('x12');
      expect([...modules].filter((m) => /^node_modules\/(tsx|esbuild)$/.test(m))).toEqual([]);
    },
  );

  it('a command that needs more loads it when it runs (the recorder sees imports made in actions)', async () => {
    const { modules } = await modulesLoadedBy('sandbox', 'files', '--claims', '1', '--out', join(dir, 'sandbox'), '--json');
    expect(modules).toContain('functions/payers/sandbox/files.ts');
  });
});
