import { sql, type SQL } from 'drizzle-orm';

/**
 * An array as ONE bound parameter (drizzle's sql`` would spread a JS array
 * into a tuple): `${textArray(ids)}` gives `$1::text[]` with the elements
 * quoted and escaped in PostgreSQL's array literal syntax.
 */
export function textArray(values: readonly string[]): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
  return sql`${literal}::text[]`;
}

/** Ids as one `bigint[]` parameter; raw queries hand bigints back as strings, so both are accepted. */
export function bigintArray(values: readonly (number | string)[]): SQL {
  const ids = values.map(String);
  if (!ids.every((v) => /^-?\d{1,19}$/.test(v))) throw new Error('bigintArray: not integers');
  return sql`${`{${ids.join(',')}}`}::bigint[]`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids as one `uuid[]` parameter. */
export function uuidArray(values: readonly string[]): SQL {
  if (!values.every((v) => UUID.test(v))) throw new Error('uuidArray: not uuids');
  return sql`${`{${values.join(',')}}`}::uuid[]`;
}
