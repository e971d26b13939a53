import pg from 'pg';

/**
 * One plain connection for administrative statements (CREATE/DROP DATABASE, staging test
 * states), opened and closed around `run`. The same driver as the app's pool (db/index.ts).
 */
export async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  // A connection the server ends (a dropped database, a restart) must not end the process.
  client.on('error', () => {});
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => {});
  }
}
