// The rules of rules.ts as SQL fragments, for set-based statements. Kept apart
// from rules.ts because client components import that file and should not
// bundle drizzle; every fragment is derived from rules.ts, never restated.
import { sql, type SQL } from 'drizzle-orm';
import { categoryKeys } from './catalog';
import { eligibleRolesFor } from './rules';

/**
 * True when a member with role `role` may hold a subscription to `category`
 * (eligibleRolesFor): what a change of role keeps, and what it ends.
 */
export function subscriptionAllowedSql(role: SQL, category: SQL): SQL {
  const pairs = categoryKeys.flatMap((c) => eligibleRolesFor(c).map((r) => `('${c}','${r}')`));
  return sql`((${category})::text, (${role})::text) in (${sql.raw(pairs.join(', '))})`;
}
