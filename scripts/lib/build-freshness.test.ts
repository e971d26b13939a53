import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIsStale } from './build-freshness';

describe('buildIsStale', () => {
  let root: string;
  const at = (file: string, seconds: number) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
    utimesSync(path.join(root, file), seconds, seconds);
  };
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'build-freshness-'));
    at('app/page.tsx', 1_000);
    at('.next/BUILD_ID', 2_000);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is fresh when every source is older than the build', () => {
    expect(buildIsStale('.next', root, ['app'])).toBe(false);
  });

  it('is stale when a source, however deep, changed after the build', () => {
    at('app/a/b/c.tsx', 3_000);
    expect(buildIsStale('.next', root, ['app'])).toBe(true);
  });

  it('is stale when there is no build', () => {
    expect(buildIsStale('.next-other', root, ['app'])).toBe(true);
  });

  it('ignores dot folders, node_modules and paths that do not exist', () => {
    at('app/.cache/x', 3_000);
    at('app/node_modules/y', 3_000);
    expect(buildIsStale('.next', root, ['app', 'missing.ts'])).toBe(false);
  });
});
