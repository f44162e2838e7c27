#!/usr/bin/env node
// Runs the TypeScript CLI with no build step: on Node's own type stripping where this Node has it on
// (22.18 and later; the code keeps to erasable syntax for it, see tsconfig.json), else through tsx.
// Node's own starts the CLI in about half the time tsx needs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

// rcm and its dependencies need Node 22. Started with an older node (e.g. `node bin/rcm.js` on a
// machine with Node 20), it runs itself again on the Node 22 the project installs as a dev dependency,
// which is what npm scripts and npx use; without one, it says so instead of failing half-way.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  const projectNode = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(projectNode)) {
    console.error(`rcm needs Node.js 22 or later (this is ${process.versions.node}); run \`npm ci\`, then \`npx rcm\`.`);
    process.exit(1);
  }
  const child = spawn(projectNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  // Signals go to the child, which stops its stack cleanly; this process ends with the child's status.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
} else {
  if (process.features.typescript !== 'strip' && process.features.typescript !== 'transform') {
    const { register } = await import('tsx/esm/api');
    register();
  } else {
    // Node strips types with a WebAssembly build of swc; V8's optimizing tier for it adds ~20 MB of
    // machine code to every rcm process, and its baseline tier strips our modules as fast. The flag is
    // process-wide: fetch's HTTP parser (WebAssembly too) stays on the baseline tier as well, which
    // the CLI's few small requests to the local stack do not feel.
    (await import('node:v8')).setFlagsFromString('--liftoff-only');
  }
  await import('#infra/cli/rcm.ts');
}
