import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appModel } from '#infra/app-model.ts';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Where the code lives'), readme.indexOf('## Rules of the house'));

describe('README "Where the code lives"', () => {
  it.each(appModel.functions)('names the $name function with its handler file', ({ name, entry }) => {
    expect(section).toContain(`\`${name}\`: \`${entry}\``);
  });

  it.each(appModel.stateMachines)('names the $name workflow', ({ name }) => {
    expect(section).toContain(`\`${name}\``);
  });

  it('names only folders that exist', () => {
    const root = join(import.meta.dirname, '../..');
    const folders = [...section.matchAll(/`((?:functions|infra|schemas|test)\/[a-z0-9-]+\/)`/g)].map((m) => m[1] as string);
    expect(folders.length).toBeGreaterThan(10);
    const missing = folders.filter((folder) => !existsSync(join(root, folder)) || !statSync(join(root, folder)).isDirectory());
    expect(missing).toEqual([]);
  });
});
