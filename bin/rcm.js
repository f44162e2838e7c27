#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the tool needs no build step.
import { register } from 'tsx/esm/api';

// The demo shows its own tables; the functions' JSON logs only with --verbose. Set before any module
// builds the shared logger (Powertools restores its initial level on every invocation).
if (process.argv[2] === 'demo' && !process.argv.includes('--verbose')) process.env.LOG_LEVEL ??= 'SILENT';

register();
await import('#infra/cli/rcm.ts');
