import { drizzle, PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
/** A database handle or an open transaction: every query function takes one of these. */
export type Tx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

type Cached = { sql: postgres.Sql; db: Db; url: string };
const globalForDb = globalThis as unknown as { __db?: Cached };

export function createDb(url: string, options: postgres.Options<Record<string, never>> = {}) {
  const sql = postgres(url, { max: 10, onnotice: () => {}, ...options });
  return { sql, db: drizzle(sql, { schema, casing: undefined }) };
}

// Created on first use, not at import, so `next build` needs no database.
// Cached on globalThis so dev-server reloads do not open a new pool each time.
function connection(): Cached {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set. Start the app with `npm start`, or set DATABASE_URL.');
  if (globalForDb.__db?.url !== url) {
    const { sql, db } = createDb(url);
    globalForDb.__db = { sql, db, url };
  }
  return globalForDb.__db;
}

export const db: Db = new Proxy({} as Db, {
  get: (_t, prop) => Reflect.get(connection().db, prop, connection().db),
  // Lets `instanceof PgDatabase` checks (Auth.js's Drizzle adapter) see a Postgres database
  // without opening a connection at import time.
  getPrototypeOf: () => PostgresJsDatabase.prototype,
});

export const sqlClient = () => connection().sql;

export { schema };
