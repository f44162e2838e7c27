/**
 * rcm needs Node 22. Started with an older node on the PATH (this machine's /usr/bin/node is 20), it runs
 * itself on the Node 22 the project installs, instead of failing half-way through a demo.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const systemNode = '/usr/bin/node';
const systemMajor = existsSync(systemNode) ? Number(execFileSync(systemNode, ['-p', 'process.versions.node.split(".")[0]']).toString()) : 0;

describe('which Node runs rcm', () => {
  it('says its version and the Node it runs on', async () => {
    const { stdout } = await run(process.execPath, ['bin/rcm.js', '--version']);
    expect(stdout.trim()).toMatch(/^rcm \d+\.\d+\.\d+ \(Node (2[2-9]|[3-9]\d)\.\d+\.\d+\)$/);
  });

  it.skipIf(systemMajor === 0 || systemMajor >= 22)("started with an older Node, runs on the project's Node 22", async () => {
    const { stdout } = await run(systemNode, ['bin/rcm.js', '--version']);
    expect(stdout.trim()).toMatch(/\(Node 22\.\d+\.\d+\)$/);
    // The exit status of the command is the child's.
    await expect(run(systemNode, ['bin/rcm.js', 'no-such-command'])).rejects.toMatchObject({ code: 1 });
  });
});
