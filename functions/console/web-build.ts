/**
 * The console's front end build: Vite bundles functions/console/web into `.local/console-web`
 * (ignored by git). `npm run console:build` runs it; `rcm console` and the browser tests build it
 * when it is missing.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Vite project of the front end. */
export const webRoot = fileURLToPath(new URL('./web/', import.meta.url));

/** Where the built front end goes. */
export const webDist = fileURLToPath(new URL('../../.local/console-web/', import.meta.url));

/** The newest modification time of the front end's sources, epoch ms. */
function newestSource(dir = webRoot): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? newestSource(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs,
    ),
  );
}

/** Builds the front end with Vite unless a build newer than its sources exists (or `force`); returns where it is. */
export async function ensureWebBuilt(force = false): Promise<string> {
  const built = `${webDist}index.html`;
  if (!force && existsSync(built) && statSync(built).mtimeMs >= newestSource()) return webDist;
  const { build } = await import('vite');
  await build({ configFile: `${webRoot}vite.config.ts`, logLevel: 'warn' });
  return webDist;
}
