// Finds every entry point a request can reach on the server, from the source
// files themselves, so that a new server action or route handler cannot slip
// past the authorization matrix: files whose directive prologue holds
// 'use server' (each exported function is an action) and every `route.ts`
// under app/ (each exported HTTP method is a handler).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where server code lives; components/ too, because a 'use server' file works from anywhere. */
const SCANNED_DIRS = ['app', 'components', 'lib'];
const SOURCE = /\.(ts|tsx|js|jsx|mjs)$/;
const ROUTE_FILE = /(^|\/)route\.(ts|tsx|js|mjs)$/;
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export type EntryPoint = { kind: 'action' | 'route'; file: string; name: string };

/** `file#name`, the key the matrix lists entry points by. */
export const entryId = (e: { file: string; name: string }) => `${e.file}#${e.name}`;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(relative);
    return SOURCE.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

function directives(statements: ts.NodeArray<ts.Statement>): string[] {
  const found: string[] = [];
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    found.push(statement.expression.text);
  }
  return found;
}

/** Functions that declare 'use server' in their own body: inline actions, which the matrix would not see. */
function inlineServerActions(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body && ts.isBlock(node.body) && directives(node.body.statements).includes('use server')) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${source.fileName}:${line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Every server action and route handler. Names come from the modules
 * themselves (imported through `load`), not from parsing exports, so
 * re-exports and destructured exports (`export const { GET, POST } = handlers`)
 * count as they do at run time.
 */
export async function discoverEntryPoints(load: (absolutePath: string) => Promise<Record<string, unknown>>) {
  const entryPoints: EntryPoint[] = [];
  const inline: string[] = [];
  for (const file of SCANNED_DIRS.flatMap(sourceFiles).sort()) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const isActionFile = directives(source.statements).includes('use server');
    const isRouteFile = file.startsWith('app/') && ROUTE_FILE.test(file);
    inline.push(...inlineServerActions(source));
    if (!isActionFile && !isRouteFile) continue;
    const mod = await load(path.join(ROOT, file));
    const functions = Object.keys(mod).filter((name) => typeof mod[name] === 'function');
    if (isActionFile) for (const name of functions) entryPoints.push({ kind: 'action', file, name });
    if (isRouteFile) for (const name of functions.filter((n) => HTTP_METHODS.includes(n))) entryPoints.push({ kind: 'route', file, name });
  }
  return { entryPoints, inline };
}
