/**
 * The console's front end build: Vite bundles functions/console/web into `.local/console-web`
 * (ignored by git). `npm run console:build` runs it; `rcm console` and the browser tests build it
 * when it is missing.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The Vite project of the front end. */
export const webRoot = fileURLToPath(new URL('./web/', import.meta.url));

/** Where the built front end goes. */
export const webDist = fileURLToPath(new URL('../../.local/console-web/', import.meta.url));

/** Builds the front end with Vite unless it is built already (or `force`); returns where it is. */
export async function ensureWebBuilt(force = false): Promise<string> {
  if (!force && existsSync(`${webDist}index.html`)) return webDist;
  const { build } = await import('vite');
  await build({ configFile: `${webRoot}vite.config.ts`, logLevel: 'warn' });
  return webDist;
}
