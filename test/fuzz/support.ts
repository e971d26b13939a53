// Shared pieces of the fuzz suites: hostile values, "a valid input with one
// thing wrong", a checksum of the tables an input may write, and the test
// for a message a person can read.
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '@/db';

/** `n` runs, times FUZZ_SCALE (FUZZ_SCALE=10 npm run test:fuzz digs ten times deeper). */
export const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.FUZZ_SCALE || 1)));

/** Classics that have broken real systems: NUL, lone surrogates, bidi overrides, injection, wildcards. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202eevil\u202c',
  '\u200b',
  '\ufeff',
  '\r\nBcc: victim@example.com',
  '\t\v\f\b',
  "' or 1=1 --",
  "'; drop table subscriptions; --",
  '%',
  '_',
  '\\',
  '$1',
  '${process.env}',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'undefined',
  'null',
  'NaN',
  '../../etc/passwd',
  'javascript:alert(1)',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'e\u0301\u0301\u0301',
  '😀'.repeat(300),
  'é'.repeat(5_000),
  'x'.repeat(100_000),
];

/** Any UTF-16 text, lone surrogates and NUL included (fast-check's own units never emit lone surrogates). */
export const rawText = (maxLength = 40) =>
  fc.string({
    unit: fc.oneof(
      { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
      { weight: 1, arbitrary: fc.constantFrom('\u0000', '\ud800', '\udc00', '\u0085', '\u2028', '\n') },
    ),
    maxLength,
  });

/** An address every validator agrees on (fc.emailAddress() also makes valid but exotic ones zod refuses). */
export const simpleEmail = fc
  .tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.constantFrom('example.com', 'acme.test', 'xn--zo-mia.example'))
  .map(([local, domain]) => `${local}@${domain}`);

/** What PostgreSQL refuses to store: NUL in any text, an unpaired surrogate in jsonb. */
export const UNSTORABLE_STRINGS = ['\u0000', 'a\u0000b', '\ud800', 'x\udfffy', 'Zoë\udc00'];

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...UNSTORABLE_STRINGS) },
  { weight: 2, arbitrary: rawText() },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.emailAddress() },
  { weight: 1, arbitrary: simpleEmail },
);

export const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, -0, NaN, Infinity, -Infinity, 0.5, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, Number.MIN_VALUE),
  fc.integer(),
  fc.double(),
);

/** Objects that try to reach Object.prototype when merged or spread. */
export const pollutingObjects = fc.constantFrom<unknown>(
  JSON.parse('{"__proto__":{"polluted":"yes"}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  Object.create(null),
  { toString: 'not a function', valueOf: 'nope' },
);

/** Any value a crafted request could carry where a string, number or object is expected. */
export const hostileValue = (extra: fc.Arbitrary<unknown>[] = []): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 5, arbitrary: hostileString },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, true, false, [], {}, [''], new Date(NaN), 10n) },
    { weight: 1, arbitrary: pollutingObjects },
    { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
    ...extra.map((arbitrary) => ({ weight: 2, arbitrary })),
  );

/**
 * Whatever a forged server-action call could deliver: React's wire format
 * carries Dates, BigInts, Maps, Sets and typed arrays besides JSON.
 */
export const anyActionInput = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

type Path = (string | number)[];

/** Every place inside a JSON-like value (the root excluded). */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  }
  return [];
}

/**
 * Each place that holds text in some valid input, once, with an input that
 * has it (optional fields appear in some samples only).
 */
export function everyTextField<T>(valid: fc.Arbitrary<T>, samples = 8): [T, Path][] {
  const found = new Map<string, [T, Path]>();
  for (const input of fc.sample(valid, { numRuns: samples, seed: 42 })) {
    for (const path of pathsOf(input)) {
      const key = path.map((k) => (typeof k === 'number' ? '#' : k)).join('.');
      const text = at(input, path);
      // A sample where the field is filled in: an empty one often means "absent" (a removed contact).
      if (typeof text === 'string' && (!found.has(key) || (text !== '' && at(...found.get(key)!) === ''))) found.set(key, [input, path]);
    }
  }
  return [...found.values()];
}

/** A copy of `value` with `replacement` at `path`. */
export function replacedAt(value: unknown, path: Path, replacement: unknown): unknown {
  const copy = structuredClone(value);
  defineOwn(at(copy, path.slice(0, -1)) as object, path[path.length - 1], replacement);
  return copy;
}

/** The objects (root included) inside a JSON-like value, where a key can be added. */
function objectPathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectPathsOf(v, [...prefix, i]));
  if (value && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([k, v]) => objectPathsOf(v, [...prefix, k]))];
  return [];
}

const at = (root: unknown, path: Path) => path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);

/** Sets an own property, even `__proto__`, as a JSON decoder would. */
function defineOwn(target: object, key: string | number, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * `valid` with exactly one thing wrong: a value replaced by a hostile one, a
 * key removed, or an unexpected (possibly `__proto__`) key added.
 */
export function mutated<T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<unknown> = hostileValue()): fc.Arbitrary<unknown> {
  return valid.chain((base) => {
    const paths = pathsOf(base);
    const objects = objectPathsOf(base);
    const options: fc.Arbitrary<unknown>[] = [];
    if (paths.length) {
      options.push(
        fc.tuple(fc.constantFrom(...paths), hostile).map(([path, value]) => replacedAt(base, path, value)),
        fc.constantFrom(...paths).map((path) => {
          const copy = structuredClone(base) as unknown;
          const parent = at(copy, path.slice(0, -1)) as Record<string | number, unknown>;
          if (Array.isArray(parent)) parent.splice(Number(path[path.length - 1]), 1);
          else delete parent[path[path.length - 1]];
          return copy;
        }),
      );
    }
    if (objects.length) {
      options.push(
        fc.tuple(fc.constantFrom(...objects), fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', ''), hostile).map(([path, key, value]) => {
          const copy = structuredClone(base) as unknown;
          defineOwn(at(copy, path) as object, key, value);
          return copy;
        }),
      );
    }
    return options.length ? fc.oneof(...options) : fc.constant(base);
  });
}

/**
 * Row count and an md5 of every row, per table: two equal snapshots mean
 * nothing was inserted, changed or deleted.
 */
export async function snapshot(db: Tx, tables: readonly string[]): Promise<Record<string, string>> {
  const query = tables
    .map((table) => `select '${table}' as name, count(*)::int as n, md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as sum from ${table} x`)
    .join(' union all ');
  const rows = await queryRows<{ name: string; n: number; sum: string }>(db, sql.raw(query));
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n} rows, md5 ${r.sum}`]));
}

/**
 * Every string inside a value, keys included, for telling an echoed input from the message's own
 * words. Messages quote a long string by its first 40 characters (lib/validation.ts), so those too.
 */
function stringsIn(value: unknown, out: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') out.push(value, value.slice(0, 40));
  else if (value && typeof value === 'object' && depth < 6) {
    if (!(value instanceof Map) && !(value instanceof Set)) out.push(...Object.keys(value).flatMap((key) => [key, key.slice(0, 40)]));
    const entries = value instanceof Map ? [...value.entries()].flat() : value instanceof Set ? [...value] : Object.values(value);
    for (const v of entries) stringsIn(v, out, depth + 1);
  }
  return out;
}

// Zod's built-in wording, written for developers ("Invalid input: expected string, received
// undefined"): every parse of a request goes through lib/validation.ts, which words these.
const ZOD_DEFAULT = /\b(Invalid (input|option|key|element|UUID|URL|email|string|number|ISO)|Too (small|big): expected|Unrecognized keys?: )/;

/**
 * Why `message` is not something to show a person: empty, an internal
 * leaking (stack trace, SQL, `[object Object]`), or a stray `undefined`/`NaN`.
 * Text the caller sent and the message echoes back is not held against it.
 */
export function messageProblems(message: unknown, input: unknown): string[] {
  if (typeof message !== 'string') return [`not a string: ${typeof message}`];
  if (!message.trim()) return ['empty'];
  let own = message;
  for (const s of stringsIn(input).filter((s) => s.length >= 3).sort((a, b) => b.length - a.length)) own = own.split(s).join('');
  const problems: string[] = [];
  if (/\[object \w+\]/.test(own)) problems.push('contains [object …]');
  if (/\n\s+at |\bat .*\.[cm]?[jt]s:\d+|node_modules/.test(own)) problems.push('contains a stack trace');
  if (/\bselect\b.*\bfrom\b|\binsert into\b|\bdelete from\b|\bupdate "?\w+"? set\b|violates|syntax error|duplicate key|failed query|relation "|column "|postgres/i.test(own)) {
    problems.push('contains SQL or a database error');
  }
  if (/\b(TypeError|ReferenceError|Cannot read propert|is not a function)\b/.test(own)) problems.push('contains a JavaScript error');
  if (/\b(undefined|NaN)\b/.test(own)) problems.push('contains undefined/NaN');
  if (ZOD_DEFAULT.test(own)) problems.push("zod's default wording");
  return problems;
}

/** Fails the run when anything added a property to Object.prototype. */
export function assertPrototypeClean() {
  const polluted = Object.keys(Object.prototype);
  if (polluted.length || ({} as Record<string, unknown>).polluted !== undefined) {
    throw new Error(`Object.prototype was polluted: ${polluted.join(', ') || 'polluted'}`);
  }
}
