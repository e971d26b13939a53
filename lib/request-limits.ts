import { isIP } from 'node:net';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { env } from '@/lib/env';
import { queryRows } from '@/db';

export type RequestLimit = {
  /** Requests allowed per window; that many may come at once, then one every windowMs / limit. */
  limit: number;
  windowMs: number;
};

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one request against `key` and says whether it may proceed: the generic
 * cell rate algorithm on one PostgreSQL row per key, so every web process on
 * every machine shares the limit, and the database clock is the only clock.
 *
 * Each allowed request moves the key's theoretical arrival time (tat) on by
 * windowMs / limit; a request is refused while that time is more than a window
 * ahead. One statement, so concurrent requests can't both take the last slot.
 */
export async function takeRequest(db: Db, key: string, policy: RequestLimit): Promise<LimitDecision> {
  const stepMs = policy.windowMs / policy.limit;
  // About one request in a hundred sweeps the rows that no longer hold anything, so the table stays small
  // without a scheduled job.
  if (Math.random() < 0.01) await pruneRequestLimits(db);
  const [row] = await queryRows<{ allowed: boolean; wait_ms: number }>(db, sql`
    with now as (select clock_timestamp() as t),
    taken as (
      insert into request_limits as r (key, tat)
      select ${key}, t + ${stepMs} * interval '1 millisecond' from now
      on conflict (key) do update
        set tat = greatest(r.tat, (select t from now)) + ${stepMs} * interval '1 millisecond'
        where greatest(r.tat, (select t from now)) + ${stepMs} * interval '1 millisecond'
              <= (select t from now) + ${policy.windowMs} * interval '1 millisecond'
      returning tat
    )
    select exists (select 1 from taken) as allowed,
           coalesce(extract(epoch from (
             (select tat from request_limits where key = ${key}) + ${stepMs} * interval '1 millisecond'
             - ${policy.windowMs} * interval '1 millisecond' - (select t from now)
           )) * 1000, 0)::float8 as wait_ms`);
  if (row.allowed) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(row.wait_ms) / 1000)) };
}

/** Counts the request against every key; refused when any of them is exhausted (with the longest wait). */
export async function takeRequests(db: Db, checks: { key: string; policy: RequestLimit }[]): Promise<LimitDecision> {
  let worst: LimitDecision = { allowed: true };
  for (const { key, policy } of checks) {
    const decision = await takeRequest(db, key, policy);
    if (!decision.allowed && (worst.allowed || decision.retryAfterSeconds > worst.retryAfterSeconds)) worst = decision;
  }
  return worst;
}

/** Deletes the rows whose arrival time has passed: they say nothing any more. */
export async function pruneRequestLimits(db: Db): Promise<number> {
  const rows = await queryRows(db, sql`delete from request_limits where tat < clock_timestamp() returning 1`);
  return rows.length;
}

const MINUTE = 60_000;

/** Sign-in links: per address, so nobody's inbox can be flooded; per client, so nobody can probe many addresses. */
export const MAGIC_LINK_PER_EMAIL: RequestLimit = { limit: 5, windowMs: 15 * MINUTE };
export const MAGIC_LINK_PER_CLIENT: RequestLimit = { limit: 30, windowMs: 15 * MINUTE };

/** The API: per key, configurable (API_RATE_LIMIT requests a minute). */
export const apiPerKey = (perMinute: number): RequestLimit => ({ limit: perMinute, windowMs: MINUTE });
/** Requests with no valid key, per client: enough for a misconfigured script to see its 401s, not for a flood. */
export const API_UNAUTHENTICATED_PER_CLIENT: RequestLimit = { limit: 60, windowMs: MINUTE };

/**
 * The client's address, for the per-client limits and the audit log: the X-Forwarded-For entry
 * added by the outermost of `trustedProxies` reverse proxies, counted from the right. Entries to
 * its left came from the client and prove nothing: trusting the first entry would let anybody
 * escape a per-client limit by sending a new address with each request. Next.js fills the header
 * with the socket's address when a request arrives without one.
 *
 * Null when nothing trustworthy is there: no proxies trusted, no header, or an entry that is not
 * an IP address. Callers then leave the client out (no per-client key, no address in the log).
 */
export function clientAddress(headers: Headers, trustedProxies: number = env.TRUSTED_PROXIES): string | null {
  if (trustedProxies < 1) return null;
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request skipped one of them, so the furthest entry is the best there is.
  const entry = entries.at(-trustedProxies) ?? entries[0];
  return entry && isIP(entry) ? entry : null;
}

/** How long to wait, as people count it: in seconds, then in whole minutes once it is more than a minute and a half. */
export function retryAfterWait(seconds: number): { unit: 'seconds' | 'minutes'; count: number } {
  return seconds < 90 ? { unit: 'seconds', count: seconds } : { unit: 'minutes', count: Math.ceil(seconds / 60) };
}

/** The 429 message people read, in English (the sign-in form says it in the person's language). */
export function retryAfterText(seconds: number): string {
  const { unit, count } = retryAfterWait(seconds);
  if (unit === 'minutes') return `${count} minutes`;
  return `${count} ${count === 1 ? 'second' : 'seconds'}`;
}

/** What the sign-in form and a refused POST to Auth.js say. */
export const magicLinkLimitMessage = (retryAfterSeconds: number) =>
  `Too many sign-in links were requested. Try again in ${retryAfterText(retryAfterSeconds)}.`;

/**
 * Both limits on sign-in links, keyed by the normalised address and the client.
 * Without a reverse proxy reporting the client there is no per-client limit:
 * one shared bucket would let anybody lock everybody out of signing in.
 */
export function takeMagicLinkRequest(db: Db, params: { email: string; client: string | null }): Promise<LimitDecision> {
  return takeRequests(db, [
    { key: `magic-link:email:${params.email.trim().toLowerCase()}`, policy: MAGIC_LINK_PER_EMAIL },
    ...(params.client ? [{ key: `magic-link:client:${params.client}`, policy: MAGIC_LINK_PER_CLIENT }] : []),
  ]);
}
