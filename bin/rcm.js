#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the tool needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../infra/cli/rcm.ts');
