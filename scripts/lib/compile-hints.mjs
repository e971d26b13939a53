// V8 compiles a function when it is first called, on the main thread, unless told
// otherwise. Nearly every function in our client chunks runs while the page starts
// (React, the Next.js router, the page's components), so that compiling made up most of
// the one long task in which the app starts: 50–70 ms here, over 200 ms on Lighthouse's
// simulated phone. The explicit compile hint `//# allFunctionsCalledOnLoad` on a
// script's first line (Chrome 136+) has V8 compile all of its functions eagerly, on the
// background thread that already parses the script while it downloads; the task
// shrinks to 15–30 ms. Browsers without the hint read a comment.
//
// The price: functions that never run are compiled too (memory and background work,
// not main-thread time). Every script under static/chunks gets the hint, the ones each
// page loads at start and the ones a dialog loads when opened alike; both run as soon
// as they arrive.
//
// Run by next.config.mjs's compiler.runAfterProductionCompile hook, so every
// `next build` gets it; a plain file, not TypeScript, because next.config.mjs imports it.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/**
 * Puts the compile hint on the first line of every client script of the build in distDir
 * (once: a script that has it is left alone) and moves each source map's mappings one line
 * down. Returns the number of scripts changed.
 *
 * @param {string} distDir
 * @returns {number}
 */
export function addCompileHints(distDir) {
  // Subresource integrity hashes were taken of the scripts as they were; changed, the browser would refuse them.
  if (existsSync(path.join(distDir, 'server', 'subresource-integrity-manifest.json'))) {
    throw new Error('compile hints: this build uses subresource integrity (experimental.sri); changing its scripts would break them.');
  }
  const chunks = path.join(distDir, 'static', 'chunks');
  if (!existsSync(chunks)) throw new Error(`compile hints: no client scripts in ${chunks}`);
  let changed = 0;
  for (const name of readdirSync(chunks, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(chunks, name);
    if (!name.endsWith('.js') || !statSync(file).isFile()) continue;
    const source = readFileSync(file, 'utf8');
    if (source.startsWith(COMPILE_HINT)) continue;
    writeFileSync(file, COMPILE_HINT + source);
    const map = `${file}.map`;
    if (existsSync(map)) writeFileSync(map, JSON.stringify(shiftOneLine(JSON.parse(readFileSync(map, 'utf8')))));
    changed++;
  }
  return changed;
}

/**
 * A source map for the same script with one line added at its top: an index map's sections
 * start a line later; a plain map gets an empty first line (";" in its mappings).
 *
 * @param {{ mappings?: string, sections?: { offset: { line: number, column: number } }[] }} map
 */
function shiftOneLine(map) {
  if (Array.isArray(map.sections)) {
    return { ...map, sections: map.sections.map((s) => ({ ...s, offset: { ...s.offset, line: s.offset.line + 1 } })) };
  }
  return { ...map, mappings: `;${map.mappings ?? ''}` };
}
