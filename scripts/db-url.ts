/**
 * The database a command-line tool talks to: DATABASE_URL, or else the
 * embedded PostgreSQL that `npm start` runs (it must be running).
 */
export function cliDatabaseUrl(): string {
  return process.env.DATABASE_URL ?? `postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54329}/postgres`;
}
