// Whether a production build is older than the sources it was built from: `npm start`
// rebuilds then, and the suites that measure a build (load, Lighthouse) warn.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where the production build is (next.config.mjs reads the same variable). */
export const distDir = process.env.NEXT_DIST_DIR || '.next';

/** What goes into the build: a change to any of these makes an existing build stale. */
export const BUILD_SOURCES = [
  'app',
  'components',
  'lib',
  'db',
  'emails',
  'messages',
  'i18n',
  'proxy.ts',
  'next.config.mjs',
  'scripts/lib/compile-hints.mjs',
  'package-lock.json',
  'postcss.config.mjs',
];

/** The newest modification time under the given paths, skipping dot folders and node_modules. */
function newestSource(root: string, paths: readonly string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (!stat.isDirectory()) newest = Math.max(newest, stat.mtimeMs);
    else for (const entry of readdirSync(p)) if (!entry.startsWith('.') && entry !== 'node_modules') visit(path.join(p, entry));
  };
  paths.forEach((p) => visit(path.join(root, p)));
  return newest;
}

/** True when there is no build in distDir, or a source changed after it was made. */
export function buildIsStale(distDir: string, root = process.cwd(), sources: readonly string[] = BUILD_SOURCES): boolean {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  return newestSource(root, sources) > statSync(buildId).mtimeMs;
}
