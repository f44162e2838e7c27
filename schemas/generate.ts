/**
 * Writes JSON Schema for every published contract to schemas/json/<name>.json using zod's own
 * z.toJSONSchema. With --check it writes nothing and exits 1 naming each file that has drifted,
 * is missing, or is no longer produced (CI runs `tsx schemas/generate.ts --check`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { publishedContracts } from './registry.ts';

const outputDir = join(dirname(fileURLToPath(import.meta.url)), 'json');

/** Renders each contract to the exact text that belongs in its JSON file. */
export function renderContracts(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, schema] of Object.entries(publishedContracts)) {
    // io "input" describes what callers may send (optional-with-default fields stay optional).
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
    files.set(`${name}.json`, `${JSON.stringify({ $id: `${name}.json`, title: name, ...json }, null, 2)}\n`);
  }
  return files;
}

/** Returns the file names whose committed text differs from what the contracts produce. */
export function findDrift(dir: string, rendered: Map<string, string>): string[] {
  const drifted: string[] = [];
  for (const [file, text] of rendered) {
    const path = join(dir, file);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) drifted.push(file);
  }
  if (existsSync(dir)) {
    for (const file of readdirSync(dir)) if (file.endsWith('.json') && !rendered.has(file)) drifted.push(file);
  }
  return drifted.sort();
}

function main(argv: readonly string[]): number {
  const rendered = renderContracts();
  if (argv.includes('--check')) {
    const drifted = findDrift(outputDir, rendered);
    if (drifted.length > 0) {
      console.error(`JSON Schema out of date (run npm run schemas): ${drifted.map((f) => `schemas/json/${f}`).join(', ')}`);
      return 1;
    }
    console.log(`schemas/json is up to date (${rendered.size} contracts)`);
    return 0;
  }
  mkdirSync(outputDir, { recursive: true });
  for (const [file, text] of rendered) writeFileSync(join(outputDir, file), text);
  console.log(`wrote ${rendered.size} JSON Schema files to schemas/json`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));
