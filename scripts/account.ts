// For operators without an integration yet (README → "Running in production"):
//   npm run account:create -- --ref acme --name "Acme" --owner alice@acme.example [--owner-name "Alice"] [--reseller]
//   npm run account:list
// The same domain functions as the directory API; the audit log names the CLI's own key.
import '@/lib/dotenv';
import { parseArgs } from 'node:util';
import { asc, eq, sql } from 'drizzle-orm';
import { createDb } from '@/db';
import { accounts, apiKeys } from '@/db/schema';
import { ApiProblem } from '@/lib/api/result';
import { registerApiKey, hashApiKey } from '@/lib/delivery/api-keys';
import { putAccount } from '@/lib/directory/accounts';
import { accountBody, ref } from '@/lib/directory/schema';
import { parseInput } from '@/lib/validation';
import { cliDatabaseUrl } from './db-url';

const [command, ...rest] = process.argv.slice(2);
const { db, close } = createDb(cliDatabaseUrl(), { max: 1 });

/** The audit log's actor for changes made here: a key nobody holds (its secret is random and thrown away). */
async function cliActor() {
  const name = 'Command line (npm run account:create)';
  const [existing] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.name, name)).limit(1);
  if (existing) return { apiKeyId: existing.id, meta: { ip: null, userAgent: 'npm run account:create' } };
  const secret = `an_cli_${crypto.randomUUID()}`;
  await registerApiKey(db, { name, secret, scopes: ['directory'] });
  await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.keyHash, hashApiKey(secret)));
  const [row] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.keyHash, hashApiKey(secret)));
  return { apiKeyId: row.id, meta: { ip: null, userAgent: 'npm run account:create' } };
}

try {
  if (command === 'create') {
    const { values } = parseArgs({
      args: rest,
      options: { ref: { type: 'string' }, name: { type: 'string' }, owner: { type: 'string' }, 'owner-name': { type: 'string' }, reseller: { type: 'boolean' } },
    });
    const refParsed = parseInput(ref, values.ref ?? '');
    if (!refParsed.success) throw new Error(`--ref ${refParsed.error.issues[0].message}`);
    const body = parseInput(accountBody, {
      name: values.name,
      is_reseller: values.reseller ?? false,
      owner: { email: values.owner, ...(values['owner-name'] ? { name: values['owner-name'] } : {}) },
    });
    if (!body.success) {
      const issue = body.error.issues[0];
      throw new Error(`--${issue.path.join('.').replace('owner.email', 'owner').replace('owner.name', 'owner-name')} ${issue.message}`);
    }
    const { created, account } = await putAccount(db, await cliActor(), refParsed.data, body.data);
    console.log(`${created ? 'Created' : 'Updated'} account "${account.name}" (ref ${account.ref}, id ${account.id}), Owner ${values.owner}.`);
    console.log('The Owner signs in with a link sent to that address (APP_URL/sign-in).');
  } else if (command === 'list') {
    const rows = await db
      .select({
        id: accounts.id,
        ref: accounts.ref,
        name: accounts.name,
        isReseller: accounts.isReseller,
        closedAt: accounts.closedAt,
        owner: sql<string | null>`(select u.email from memberships m join users u on u.id = m.user_id
                                   where m.account_id = "accounts"."id" and m.role = 'owner')`,
        members: sql<number>`(select count(*)::int from memberships m where m.account_id = "accounts"."id")`,
      })
      .from(accounts)
      .orderBy(asc(accounts.name));
    if (rows.length === 0) console.log('No accounts yet. Create one with `npm run account:create -- --ref acme --name "Acme" --owner alice@acme.example`.');
    for (const r of rows) {
      const flags = [r.isReseller ? 'reseller' : null, r.closedAt ? `closed ${r.closedAt.toISOString()}` : null].filter(Boolean).join(', ');
      console.log(`${r.ref ?? '(no ref)'}  ${r.name}  owner ${r.owner ?? '—'}  ${r.members} member(s)  ${r.id}${flags ? `  [${flags}]` : ''}`);
    }
  } else {
    console.error('Usage: account create --ref <ref> --name <name> --owner <email> [--owner-name <name>] [--reseller] | list');
    process.exitCode = 2;
  }
} catch (error) {
  const message = error instanceof ApiProblem || error instanceof Error ? error.message : String(error);
  console.error(/ECONNREFUSED/.test(message) ? 'Cannot reach the database: start the panel with `npm start`, or set DATABASE_URL.' : message);
  process.exitCode = 1;
} finally {
  await close();
}
