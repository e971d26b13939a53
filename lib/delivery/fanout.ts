import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import type { Availability } from '@/lib/notifications/catalog';
import type { NotificationCategory } from '@/db/schema';
import { TELEGRAM_CATEGORIES } from '@/lib/notifications/rules';
import { recipientSql, telegramRecipientSql } from '@/lib/notifications/rules-sql';
import { retryPolicy } from './retry-policy';
import { queryRows } from '@/db';

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
  const [counts] = await queryRows<{
    email: number;
    suppressed: number;
    telegram: number;
    in_app: number;
    recipients: number;
  }>(tx, sql`
    with notification as materialized (
      -- The deliveries take their notification's created_at: they share its month's partition.
      select created_at from notifications where id = ${n.id}
    ),
    recipients as materialized (
      select m.user_id, m.role, lower(u.email) as email, u.name
      from memberships m
      join users u on u.id = m.user_id
      where m.account_id = ${n.accountId}
        and ${recipientSql(
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
      select ${n.id}, (select created_at from notification), ${n.accountId}, r.user_id, 'email', r.email, r.name,
             (row_number() over () - 1) / ${EMAIL_CHUNK_SIZE},
             case when sp.email is null then 'queued' else 'suppressed' end::delivery_status
      from recipients r
      left join suppressions sp on sp.email = r.email
      returning chunk, status
    ),
    telegram as (
      insert into deliveries (notification_id, created_at, account_id, user_id, channel, address, recipient_name, chunk)
      select ${n.id}, (select created_at from notification), ${n.accountId}, r.user_id, 'telegram', tl.chat_id::text, r.name,
             (row_number() over () - 1) / ${TELEGRAM_CHUNK_SIZE}
      from recipients r
      join telegram_links tl on tl.user_id = r.user_id and tl.status = 'active'
      where ${telegramRecipientSql(sql`r.role`, n.category)}
      returning chunk
    ),
    in_app as (
      insert into deliveries (notification_id, created_at, account_id, user_id, channel, address, recipient_name, status)
      select ${n.id}, (select created_at from notification), ${n.accountId}, r.user_id, 'in_app', r.user_id, r.name, 'delivered'
      from recipients r
      returning 1
    ),
    jobs as (
      select graphile_worker.add_jobs(array_agg(
        row(task, json_build_object('notificationId', ${n.id}::text, 'chunk', chunk), null, null, ${retryPolicy().chunkJobMaxAttempts}::int,
            task || ':' || ${n.id}::text || ':' || chunk, null, null)::graphile_worker.job_spec
      ))
      from (
        select distinct ${DELIVER_EMAIL_TASK}::text as task, chunk from email where status = 'queued'
        union all
        select distinct ${DELIVER_TELEGRAM_TASK}::text, chunk from telegram
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
  return {
    email: counts.email,
    telegram: counts.telegram,
    in_app: counts.in_app,
    suppressed: counts.suppressed,
    recipients: counts.recipients,
  };
}
