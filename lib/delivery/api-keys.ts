import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '@/db';
import { API_SCOPES, apiKeys, type ApiScope } from '@/db/schema';

const KEY_PREFIX = 'an_';

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

export type ApiKeyPrincipal = { id: string; name: string; scopes: ApiScope[] };

/** `publish,directory` → the scopes, or null when one is unknown or none is given. */
export function parseScopes(list: string): ApiScope[] | null {
  const names = [...new Set(list.split(',').map((s) => s.trim()).filter(Boolean))];
  if (names.length === 0 || !names.every((n): n is ApiScope => (API_SCOPES as readonly string[]).includes(n))) return null;
  return names;
}

/** Creates a key; the secret is returned once and only its hash is kept. Without scopes it may publish only. */
export async function createApiKey(db: Tx, params: { name: string; scopes?: ApiScope[] }) {
  const secret = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  const [row] = await db
    .insert(apiKeys)
    .values({ name: params.name, prefix: secret.slice(0, 10), keyHash: hashApiKey(secret), scopes: params.scopes ?? ['publish'] })
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, scopes: apiKeys.scopes });
  return { ...row, secret };
}

/** Registers a key whose secret the caller already has (test set-ups: E2E_API_KEY). Idempotent. */
export async function registerApiKey(db: Tx, params: { name: string; secret: string; scopes?: ApiScope[] }) {
  await db
    .insert(apiKeys)
    .values({ name: params.name, prefix: params.secret.slice(0, 10), keyHash: hashApiKey(params.secret), scopes: params.scopes ?? ['publish'] })
    .onConflictDoUpdate({ target: apiKeys.keyHash, set: { scopes: params.scopes ?? ['publish'] } });
}

/** The active key for an `Authorization: Bearer …` header, or null. */
export async function authenticateApiKey(db: Tx, authorization: string | null): Promise<ApiKeyPrincipal | null> {
  const match = /^Bearer\s+(\S{10,200})$/i.exec(authorization?.trim() ?? '');
  if (!match) return null;
  const [row] = await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.keyHash, hashApiKey(match[1])), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, name: apiKeys.name, scopes: apiKeys.scopes });
  return row ?? null;
}

export async function revokeApiKey(db: Tx, params: { prefixOrId: string }) {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(isNull(apiKeys.revokedAt), params.prefixOrId.startsWith(KEY_PREFIX) ? eq(apiKeys.prefix, params.prefixOrId.slice(0, 10)) : eq(apiKeys.id, params.prefixOrId)))
    .returning({ id: apiKeys.id });
  return rows.length;
}
