/**
 * README, package.json and npm agree on Node versions: the code runs on the project's own Node 22 (the
 * `node` dev dependency), developing needs Node 20 or later (`devEngines`), and `npm ci` warns about
 * nothing on the project's Node and, on an older node, only about the dev tools the README names.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '#infra/local/paths.ts';

const run = promisify(execFile);
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devEngines: { runtime: { name: string; version: string; onFail?: string } };
  devDependencies: Record<string, string>;
};
const projectNodeBin = join(repoRoot, 'node_modules', '.bin');
const projectNodeVersion = (JSON.parse(readFileSync(join(repoRoot, 'node_modules/node/package.json'), 'utf8')) as { version: string })
  .version;
const systemNode = '/usr/bin/node';
const major = (version: string) => Number(/(\d+)/.exec(version)![1]);

/**
 * The packages `npm ci` would warn about (EBADENGINE), with npm run by the node first on this PATH; dry
 * run, nothing installed. It runs on a copy of package.json and the lock file: npm ci in the checkout
 * itself rewrites node_modules' hidden lock file, and an `npx rcm` of another test running meanwhile
 * then reads the whole tree and warns.
 */
async function engineWarnings(path: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-engines-'));
  for (const file of ['package.json', 'package-lock.json', '.npmrc'])
    if (existsSync(join(repoRoot, file))) copyFileSync(join(repoRoot, file), join(dir, file));
  const { stdout, stderr } = await run('npm', ['ci', '--dry-run', '--no-audit', '--no-fund'], {
    cwd: dir,
    env: { ...process.env, PATH: path },
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
  const warned = [...`${stdout}${stderr}`.matchAll(/EBADENGINE\s+package: '(.+)@[^@']+'/g)].map((m) => m[1]!);
  return [...new Set(warned)].sort();
}

/** The PATH of a reader's shell: without the `node_modules/.bin` folders npm puts first for its scripts. */
const readerPath = (process.env.PATH ?? '')
  .split(':')
  .filter((dir) => !dir.endsWith('/node_modules/.bin'))
  .join(':');

describe('Node versions', () => {
  it('runs the code on Node 22, the Node the project installs', () => {
    expect(pkg.devDependencies.node).toMatch(/^\^22\./);
    expect(major(projectNodeVersion)).toBe(22);
    expect(readme).toContain('The code runs on Node 22');
  });

  it('asks in engines for what starting it needs, as devEngines does', () => {
    // `npx rcm` on a fresh machine installs this package into npm's npx cache and checks engines against the
    // node that runs npm: anything above devEngines would warn (EBADENGINE) on every first run.
    expect(pkg.engines.node).toBe(pkg.devEngines.runtime.version);
  });

  it('says in devEngines what developing needs, as the README does', () => {
    expect(pkg.devEngines.runtime).toEqual({ name: 'node', version: '>=20', onFail: 'error' });
    expect(readme).toContain('Needs Node.js 20 or later with npm 10.9 or later');
  });

  it("has npm ci warn about no engine on the project's Node", async () => {
    expect(await engineWarnings(`${projectNodeBin}:${readerPath}`)).toEqual([]);
  }, 60_000);

  it.skipIf(!existsSync(systemNode))(
    'on an older node, has npm ci warn only about the dev tools the README names, never about this project',
    async () => {
      const { stdout } = await run(systemNode, ['--version']);
      if (major(stdout) >= 22) return; // nothing to warn about on this machine
      const warned = await engineWarnings(`/usr/bin:${readerPath}`);
      expect(warned).not.toContain('patient-accounts');
      for (const name of warned) expect(readme, `the README should name ${name}`).toContain(`\`${name}\``);
    },
    60_000,
  );
});
