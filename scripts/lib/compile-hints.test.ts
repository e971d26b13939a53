import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCompileHints, COMPILE_HINT } from './compile-hints.mjs';

describe('addCompileHints', () => {
  let dist: string;
  const chunk = (name: string) => path.join(dist, 'static', 'chunks', name);
  const read = (name: string) => readFileSync(chunk(name), 'utf8');

  beforeEach(() => {
    dist = mkdtempSync(path.join(os.tmpdir(), 'compile-hints-'));
    mkdirSync(path.join(dist, 'static', 'chunks', 'app'), { recursive: true });
    writeFileSync(chunk('framework.js'), 'self.a=1;\n//# sourceMappingURL=framework.js.map');
    writeFileSync(chunk('framework.js.map'), JSON.stringify({ version: 3, sources: ['a.ts'], mappings: 'AAAA' }));
    writeFileSync(chunk('app/page.js'), 'self.b=2;');
    writeFileSync(chunk('app/page.js.map'), JSON.stringify({ version: 3, sections: [{ offset: { line: 0, column: 0 }, map: {} }] }));
    writeFileSync(chunk('styles.css'), 'a{color:red}');
  });
  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  it('puts the hint on the first line of every script, nested ones too, and leaves other files alone', () => {
    expect(addCompileHints(dist)).toBe(2);
    expect(read('framework.js')).toBe(`${COMPILE_HINT}self.a=1;\n//# sourceMappingURL=framework.js.map`);
    expect(read('app/page.js')).toBe(`${COMPILE_HINT}self.b=2;`);
    expect(read('styles.css')).toBe('a{color:red}');
    expect(COMPILE_HINT).toBe('//# allFunctionsCalledOnLoad\n');
  });

  it('moves the source maps one line down, plain and indexed', () => {
    addCompileHints(dist);
    expect(JSON.parse(read('framework.js.map')).mappings).toBe(';AAAA');
    expect(JSON.parse(read('app/page.js.map')).sections[0].offset).toEqual({ line: 1, column: 0 });
  });

  it('changes nothing the second time, so a rebuild that keeps a script does not get the hint twice', () => {
    addCompileHints(dist);
    expect(addCompileHints(dist)).toBe(0);
    expect(read('framework.js').split(COMPILE_HINT)).toHaveLength(2);
    expect(JSON.parse(read('framework.js.map')).mappings).toBe(';AAAA');
  });

  it('refuses a build with subresource integrity, whose hashes a changed script would no longer match', () => {
    mkdirSync(path.join(dist, 'server'));
    writeFileSync(path.join(dist, 'server', 'subresource-integrity-manifest.json'), '{}');
    expect(() => addCompileHints(dist)).toThrow(/subresource integrity/);
    expect(read('framework.js')).toBe('self.a=1;\n//# sourceMappingURL=framework.js.map');
  });

  it('refuses a directory that is not a build', () => {
    rmSync(path.join(dist, 'static'), { recursive: true });
    expect(() => addCompileHints(dist)).toThrow(/no client scripts/);
  });
});
