// npm run apikey:create -- "Billing system"   → prints a new key once (scope: publish)
// npm run apikey:create -- "Directory sync" --scope publish,directory
// npm run apikey:list
// npm run apikey:revoke -- an_AbCdEfG        (the prefix shown by list, or the key id)
import '@/lib/dotenv';
import { isNull } from 'drizzle-orm';
import { createDb } from '@/db';
import { apiKeys } from '@/db/schema';
import { createApiKey, parseScopes, revokeApiKey } from '@/lib/delivery/api-keys';
import { cliDatabaseUrl } from './db-url';

const [command, ...rest] = process.argv.slice(2);
const { db, close } = createDb(cliDatabaseUrl(), { max: 1 });

try {
  if (command === 'create') {
    const scopeAt = rest.findIndex((a) => a === '--scope' || a.startsWith('--scope='));
    let scopeText = 'publish';
    if (scopeAt >= 0) {
      const flag = rest[scopeAt];
      scopeText = flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : (rest[scopeAt + 1] ?? '');
      rest.splice(scopeAt, flag.includes('=') ? 1 : 2);
    }
    const scopes = parseScopes(scopeText);
    if (!scopes) throw new Error(`Unknown scope in "${scopeText}". Scopes: publish, directory (comma-separated).`);
    const name = rest.join(' ').trim() || 'Unnamed key';
    const key = await createApiKey(db, { name, scopes });
    console.log(`Created API key "${key.name}" (${key.prefix}…) with scope ${key.scopes.join(', ')}. It is shown only now:\n\n  ${key.secret}\n`);
    console.log('Use it as:  Authorization: Bearer <key>');
  } else if (command === 'list') {
    const rows = await db.select().from(apiKeys).where(isNull(apiKeys.revokedAt));
    if (rows.length === 0) console.log('No active API keys. Create one with `npm run apikey:create -- "name"`.');
    for (const r of rows) console.log(`${r.prefix}…  ${r.name}  [${r.scopes.join(', ')}]  created ${r.createdAt.toISOString()}  last used ${r.lastUsedAt?.toISOString() ?? 'never'}`);
  } else if (command === 'revoke' && rest[0]) {
    const n = await revokeApiKey(db, { prefixOrId: rest[0] });
    console.log(n ? `Revoked ${n} key(s).` : 'No active key matches.');
    if (!n) process.exitCode = 1;
  } else {
    console.error('Usage: apikey create <name> [--scope publish,directory] | list | revoke <prefix or id>');
    process.exitCode = 2;
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(/ECONNREFUSED/.test(message) ? 'Cannot reach the database: start the panel with `npm start`, or set DATABASE_URL.' : message);
  process.exitCode = 1;
} finally {
  await close();
}
