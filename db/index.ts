import { drizzle, NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { SQLWrapper } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema';

export type Db = NodePgDatabase<typeof schema>;
/** A database handle or an open transaction: every query function takes one of these. */
export type Tx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

export type DbOptions = {
  /** Connections in the pool (default 10). */
  max?: number;
  /** Give up opening a connection after this long (default: wait). */
  connectTimeoutMs?: number;
  /** Run on this pool instead of opening one (the worker shares graphile-worker's). */
  pool?: pg.Pool;
};

export type DbHandle = { db: Db; pool: pg.Pool; close: () => Promise<void> };

/**
 * drizzle on node-postgres (`pg`): the one PostgreSQL driver of the product, the same as
 * graphile-worker's, so the web, the worker and the queue share one reconnect behaviour.
 */
export function createDb(url: string, options: DbOptions = {}): DbHandle {
  const own = !options.pool;
  const pool = options.pool ?? new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: options.connectTimeoutMs });
  // An idle connection that PostgreSQL drops (a restart) errors on the pool: the next query opens
  // a new one; without a listener the 'error' event would end the process.
  if (own) pool.on('error', () => {});
  const db = drizzle(pool, { schema });
  let closed = false;
  return {
    db,
    pool,
    close: async () => {
      if (closed || !own) return;
      closed = true;
      await pool.end();
    },
  };
}

type Cached = DbHandle & { url: string };
const globalForDb = globalThis as unknown as { __db?: Cached };

// Created on first use, not at import, so `next build` needs no database.
// Cached on globalThis so dev-server reloads do not open a new pool each time.
function connection(): Cached {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set. Start the app with `npm start`, or set DATABASE_URL.');
  if (globalForDb.__db?.url !== url) globalForDb.__db = { ...createDb(url), url };
  return globalForDb.__db;
}

export const db: Db = new Proxy({} as Db, {
  get: (_t, prop) => Reflect.get(connection().db, prop, connection().db),
  // Lets `instanceof PgDatabase` checks (Auth.js's Drizzle adapter) see a Postgres database
  // without opening a connection at import time.
  getPrototypeOf: () => NodePgDatabase.prototype,
});

/** Closes the shared pool (tests that end the module's connection, scripts on exit). */
export async function closeDb(): Promise<void> {
  const cached = globalForDb.__db;
  globalForDb.__db = undefined;
  await cached?.close();
}

export { schema };

/** The rows of a raw statement (`db.execute` answers node-postgres's whole result). */
export async function queryRows<T extends Record<string, unknown>>(db: Tx, query: SQLWrapper): Promise<T[]> {
  return (await db.execute<T>(query)).rows as T[];
}
