import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { textArray } from '@/db/sql-array';
import { recordRateLimitWait } from '@/lib/ops/worker-metrics';
import { queryRows } from '@/db';

export type RatePolicy = {
  /** Requests allowed per window, across every worker on every machine. */
  limit: number;
  windowMs: number;
  /** Extra spacing that absorbs the time between booking a slot and the request arriving. */
  marginMs: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for a send slot of the named provider, shared by all workers through
 * one row in PostgreSQL: a sliding window of the last `limit` dispatch times
 * (taken from the database clock, so machines need not agree on time) and a
 * pause that a provider's retry-after sets. Never more than `limit` requests
 * start within any `windowMs`.
 */
export async function acquireSendSlot(db: Db, name: string, policy: RatePolicy): Promise<void> {
  await db.execute(sql`insert into rate_limits (name) values (${name}) on conflict (name) do nothing`);
  for (let waited = 0; ; ) {
    const waitMs = await db.transaction(async (tx) => {
      const [row] = await queryRows<{ recent: Date[] | string; paused_until: Date | null; now: Date }>(tx, 
        sql`select recent, paused_until, clock_timestamp() as now from rate_limits where name = ${name} for update`,
      );
      const now = new Date(row.now).getTime();
      const recent = parseTimestamps(row.recent);
      const pausedFor = row.paused_until ? new Date(row.paused_until).getTime() - now : 0;
      const oldest = recent.length >= policy.limit ? recent[recent.length - policy.limit] : null;
      const windowFor = oldest === null ? 0 : oldest + policy.windowMs + policy.marginMs - now;
      const wait = Math.max(pausedFor, windowFor);
      if (wait > 0) return wait;
      const kept = [...recent.slice(-(policy.limit - 1)), now].map((t) => new Date(t).toISOString());
      await tx.execute(sql`update rate_limits set recent = ${textArray(kept)}::timestamptz[] where name = ${name}`);
      return 0;
    });
    if (waitMs <= 0) return recordRateLimitWait(name, waited);
    await sleep(Math.min(waitMs, 1000));
    waited += Math.min(waitMs, 1000);
  }
}

/** Pauses every worker's sends to a provider, e.g. for a 429's retry-after. */
export async function pauseSends(db: Db, name: string, ms: number) {
  await db.execute(sql`
    insert into rate_limits (name, paused_until) values (${name}, clock_timestamp() + ${ms} * interval '1 millisecond')
    on conflict (name) do update
      set paused_until = greatest(rate_limits.paused_until, excluded.paused_until)`);
}

function parseTimestamps(value: Date[] | string): number[] {
  if (Array.isArray(value)) return value.map((v) => new Date(v).getTime()).sort((a, b) => a - b);
  // postgres.js may hand back a timestamptz[] as its text form: {"2026-…","…"}
  const inner = value.replace(/^\{|\}$/g, '');
  if (!inner) return [];
  return inner
    .split(',')
    .map((s) => new Date(s.replace(/"/g, '')).getTime())
    .sort((a, b) => a - b);
}

/** A policy for "r requests per second", e.g. 2 → 2 per 1 s, 0.5 → 1 per 2 s. */
export function perSecond(rate: number, marginMs = 25): RatePolicy {
  const limit = Math.max(1, Math.round(rate));
  return { limit, windowMs: Math.round((1000 * limit) / rate), marginMs };
}
