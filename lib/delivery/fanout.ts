import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import type { Availability } from '@/lib/notifications/catalog';
import type { NotificationCategory } from '@/db/schema';
import { TELEGRAM_CATEGORIES } from '@/lib/notifications/rules';
import { recipientSql, telegramRecipientSql } from '@/lib/notifications/rules-sql';
import { retryPolicy } from './retry-policy';
import { queryRows } from '@/db';
import { uuidArray } from '@/db/sql-array';

/** Deliveries one job sends together: Resend's batch endpoint takes at most 100 e-mails. */
export const EMAIL_CHUNK_SIZE = 100;
export const TELEGRAM_CHUNK_SIZE = 30;
export { TELEGRAM_CATEGORIES };

export const DELIVER_EMAIL_TASK = 'deliver_email';
export const DELIVER_TELEGRAM_TASK = 'deliver_telegram';

export type FanOutCounts = { email: number; telegram: number; in_app: number; suppressed: number; recipients: number };

/**
 * Resolves the recipients of a notification and writes one delivery row per
 * recipient and channel, plus one job per chunk, in set-based statements in
 * the caller's transaction (the outbox: commit means it will be delivered,
 * rollback means nothing happened).
 *
 * Who receives what is rules.ts's `receives`, as SQL (rules-sql.ts): e-mail
 * and in-app for every recipient, Telegram for those it names.
 */
export async function fanOut(
  tx: Tx,
  n: { id: string; accountId: string; category: NotificationCategory; availability: Availability; projectId: string | null },
): Promise<FanOutCounts> {
  return fanOutMany(tx, { notificationIds: [n.id], category: n.category, availability: n.availability, projectId: n.projectId });
}

/**
 * The same for several notifications of one category and availability, each of its own account
 * (a broadcast's copies), in one statement; the counts are their sums. Chunks are numbered per
 * notification, so each copy's e-mail goes out in as few batches as if it had been published alone.
 */
export async function fanOutMany(
  tx: Tx,
  n: { notificationIds: string[]; category: NotificationCategory; availability: Availability; projectId: string | null },
): Promise<FanOutCounts> {
  // One notification needs no partition: `over ()` numbers its rows without sorting them.
  const perNotification = n.notificationIds.length === 1 ? sql`over ()` : sql`over (partition by r.notification_id)`;
  // Index look-ups, for this statement, unless the recipients are a good share of all people: from
  // its averages the planner would hash or merge-scan the whole users table to resolve a handful
  // of members (400 ms for a 5-member account among a million users, bench), and again for every
  // chunk of a broadcast. Look-ups keep the cost in proportion to the recipients; past a quarter of
  // the users table, reading it whole is cheaper. The transaction's own settings come back after.
  const [planner] = await queryRows<{ hash: string; merge: string }>(tx, sql`
    with sizes as (
      select (select count(*) from memberships where account_id in (select account_id from notifications where id = any(${uuidArray(n.notificationIds)}))) as members,
             (select greatest(reltuples, 0) from pg_class where oid = 'users'::regclass) as users
    )
    select current_setting('enable_hashjoin') as hash, current_setting('enable_mergejoin') as merge,
           set_config('enable_hashjoin', case when members * 4 > users then current_setting('enable_hashjoin') else 'off' end, true),
           set_config('enable_mergejoin', case when members * 4 > users then current_setting('enable_mergejoin') else 'off' end, true)
    from sizes`);
  const [counts] = await queryRows<{
    email: number;
    suppressed: number;
    telegram: number;
    in_app: number;
    recipients: number;
  }>(tx, sql`
    with notification as materialized (
      -- The deliveries take their notification's created_at: they share its month's partition.
      select id, account_id, created_at from notifications where id = any(${uuidArray(n.notificationIds)})
    ),
    recipients as materialized (
      select n.id as notification_id, n.account_id, n.created_at, m.user_id, m.role, lower(u.email) as email, u.name
      from notification n
      join memberships m on m.account_id = n.account_id
      join users u on u.id = m.user_id
      where ${recipientSql(
        {
          role: sql`m.role`,
          subscribed: sql`exists (
            select 1 from subscriptions s
            where s.account_id = m.account_id and s.user_id = m.user_id and s.category = ${n.category})`,
          inProject: sql`exists (
            select 1 from project_memberships pm
            where pm.account_id = m.account_id and pm.user_id = m.user_id and pm.project_id = ${n.projectId})`,
        },
        n,
      )}
    ),
    email as (
      insert into deliveries (notification_id, created_at, account_id, user_id, channel, address, recipient_name, chunk, status)
      select r.notification_id, r.created_at, r.account_id, r.user_id, 'email', r.email, r.name,
             (row_number() ${perNotification} - 1) / ${EMAIL_CHUNK_SIZE},
             case when sp.email is null then 'queued' else 'suppressed' end::delivery_status
      from recipients r
      left join suppressions sp on sp.email = r.email
      returning notification_id, chunk, status
    ),
    telegram as (
      insert into deliveries (notification_id, created_at, account_id, user_id, channel, address, recipient_name, chunk)
      select r.notification_id, r.created_at, r.account_id, r.user_id, 'telegram', tl.chat_id::text, r.name,
             (row_number() ${perNotification} - 1) / ${TELEGRAM_CHUNK_SIZE}
      from recipients r
      join telegram_links tl on tl.user_id = r.user_id and tl.status = 'active'
      where ${telegramRecipientSql(sql`r.role`, n.category)}
      returning notification_id, chunk
    ),
    in_app as (
      insert into deliveries (notification_id, created_at, account_id, user_id, channel, address, recipient_name, status)
      select r.notification_id, r.created_at, r.account_id, r.user_id, 'in_app', r.user_id, r.name, 'delivered'
      from recipients r
      returning 1
    ),
    jobs as (
      select graphile_worker.add_jobs(array_agg(
        row(task, json_build_object('notificationId', notification_id::text, 'chunk', chunk), null, null, ${retryPolicy().chunkJobMaxAttempts}::int,
            task || ':' || notification_id::text || ':' || chunk, null, null)::graphile_worker.job_spec
      ))
      from (
        select distinct ${DELIVER_EMAIL_TASK}::text as task, notification_id, chunk from email where status = 'queued'
        union all
        select distinct ${DELIVER_TELEGRAM_TASK}::text, notification_id, chunk from telegram
      ) chunks
      having count(*) > 0
    )
    select
      (select count(*) from email where status = 'queued')::int as email,
      (select count(*) from email where status = 'suppressed')::int as suppressed,
      (select count(*) from telegram)::int as telegram,
      (select count(*) from in_app)::int as in_app,
      (select count(*) from recipients)::int as recipients,
      (select count(*) from jobs)::int as jobs
  `);
  await tx.execute(sql`select set_config('enable_hashjoin', ${planner.hash}, true), set_config('enable_mergejoin', ${planner.merge}, true)`);
  return {
    email: counts.email,
    telegram: counts.telegram,
    in_app: counts.in_app,
    suppressed: counts.suppressed,
    recipients: counts.recipients,
  };
}
