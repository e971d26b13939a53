// The rules of rules.ts as SQL fragments, for set-based statements. Kept apart
// from rules.ts because client components import that file and should not
// bundle drizzle; every fragment is derived from rules.ts, never restated.
import { sql, type SQL } from 'drizzle-orm';
import type { NotificationCategory } from '@/db/schema';
import { categoryKeys, type Availability } from './catalog';
import { AVAILABILITY_PROJECT_MEMBERS, eligibleRolesFor, SUBSCRIBER_CATEGORIES, TELEGRAM_CATEGORIES } from './rules';

/**
 * True when a member with role `role` may hold a subscription to `category`
 * (eligibleRolesFor): what a change of role keeps, and what it ends.
 */
export function subscriptionAllowedSql(role: SQL, category: SQL): SQL {
  const pairs = categoryKeys.flatMap((c) => eligibleRolesFor(c).map((r) => `('${c}','${r}')`));
  return sql`((${category})::text, (${role})::text) in (${sql.raw(pairs.join(', '))})`;
}

const categoryIn = (category: NotificationCategory, list: readonly NotificationCategory[]) => (list.includes(category) ? sql`true` : sql`false`);

/**
 * rules.ts's `receives(…).email` for a notification of `category` and `availability`, over the
 * SQL expressions of a member's facts: the fan-out's recipients.
 */
export function recipientSql(m: { role: SQL; subscribed: SQL; inProject: SQL }, n: { category: NotificationCategory; availability: Availability }): SQL {
  const reach = AVAILABILITY_PROJECT_MEMBERS[n.availability];
  const available = reach === 'all' ? sql`true` : reach === 'none' ? sql`(${m.role}) <> 'project_member'` : sql`((${m.role}) <> 'project_member' or ${m.inProject})`;
  return sql`(
    ((${m.role}) = 'owner' or ${m.subscribed})
    and ((${m.role}) <> 'subscriber' or ${categoryIn(n.category, SUBSCRIBER_CATEGORIES)})
    and ${available}
  )`;
}

/** rules.ts's `receives(…).telegram`, for a recipient (recipientSql) with an active link. */
export function telegramRecipientSql(role: SQL, category: NotificationCategory): SQL {
  return sql`((${role}) <> 'subscriber' and ${categoryIn(category, TELEGRAM_CATEGORIES)})`;
}
