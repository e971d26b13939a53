import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { textArray } from '@/db/sql-array';
import type { Availability } from '@/lib/notifications/catalog';
import type { NotificationCategory } from '@/db/schema';
import { SUBSCRIBER_CATEGORIES, TELEGRAM_CATEGORY } from '@/lib/notifications/rules';
import { retryPolicy } from './retry-policy';

/** Deliveries one job sends together: Resend's batch endpoint takes at most 100 e-mails. */
export const EMAIL_CHUNK_SIZE = 100;
export const TELEGRAM_CHUNK_SIZE = 30;
/** Categories also delivered to Telegram (seed: "For the Balance and payments category"). */
export const TELEGRAM_CATEGORIES: readonly NotificationCategory[] = [TELEGRAM_CATEGORY];

export const DELIVER_EMAIL_TASK = 'deliver_email';
export const DELIVER_TELEGRAM_TASK = 'deliver_telegram';

export type FanOutCounts = { email: number; telegram: number; in_app: number; suppressed: number; recipients: number };

/**
 * Resolves the recipients of a notification and writes one delivery row per
 * recipient and channel, plus one job per chunk, in set-based statements in
 * the caller's transaction (the outbox: commit means it will be delivered,
 * rollback means nothing happened).
 *
 * Who receives a notification of category C with availability A (SPEC §2):
 * the Owner, always; every user subscribed to C for whom A holds; never a
 * Subscriber outside the categories a Subscriber may have. Telegram too, for
 * Telegram categories, to non-Subscribers with an active link. In-app for all.
 */
export async function fanOut(
  tx: Tx,
  n: { id: string; accountId: string; category: NotificationCategory; availability: Availability; projectId: string | null },
): Promise<FanOutCounts> {
  const subscriberCategories = sql`${textArray(SUBSCRIBER_CATEGORIES)}::notification_category[]`;
  const telegramCategories = sql`${textArray(TELEGRAM_CATEGORIES)}::notification_category[]`;
  const [counts] = await tx.execute<{
    email: number;
    suppressed: number;
    telegram: number;
    in_app: number;
    recipients: number;
  }>(sql`
    with recipients as materialized (
      select m.user_id, m.role, lower(u.email) as email, u.name
      from memberships m
      join users u on u.id = m.user_id
      where m.account_id = ${n.accountId}
        and (
          m.role = 'owner'
          or exists (
            select 1 from subscriptions s
            where s.account_id = m.account_id and s.user_id = m.user_id and s.category = ${n.category}
          )
        )
        and (m.role <> 'subscriber' or ${n.category}::notification_category = any(${subscriberCategories}))
        and (
          ${n.availability} = 'all_users'
          or (${n.availability} = 'account_users' and m.role <> 'project_member')
          or (${n.availability} = 'project_users' and (
                m.role <> 'project_member'
                or exists (
                  select 1 from project_memberships pm
                  where pm.account_id = m.account_id and pm.user_id = m.user_id and pm.project_id = ${n.projectId}
                )))
        )
    ),
    email as (
      insert into deliveries (notification_id, account_id, user_id, channel, address, recipient_name, chunk, status)
      select ${n.id}, ${n.accountId}, r.user_id, 'email', r.email, r.name,
             (row_number() over () - 1) / ${EMAIL_CHUNK_SIZE},
             case when sp.email is null then 'queued' else 'suppressed' end::delivery_status
      from recipients r
      left join suppressions sp on sp.email = r.email
      returning chunk, status
    ),
    telegram as (
      insert into deliveries (notification_id, account_id, user_id, channel, address, recipient_name, chunk)
      select ${n.id}, ${n.accountId}, r.user_id, 'telegram', tl.chat_id::text, r.name,
             (row_number() over () - 1) / ${TELEGRAM_CHUNK_SIZE}
      from recipients r
      join telegram_links tl on tl.user_id = r.user_id and tl.status = 'active'
      where r.role <> 'subscriber' and ${n.category}::notification_category = any(${telegramCategories})
      returning chunk
    ),
    in_app as (
      insert into deliveries (notification_id, account_id, user_id, channel, address, recipient_name, status)
      select ${n.id}, ${n.accountId}, r.user_id, 'in_app', r.user_id, r.name, 'delivered'
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
