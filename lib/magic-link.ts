import { and, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { accounts, memberships, users } from '@/db/schema';
import { queueMail } from '@/lib/mail/queue';

/**
 * Queues a sign-in link, only for a person someone added to an account.
 * Unknown addresses get no e-mail, so no link exists that could create a user,
 * and every caller sees the same outcome (nothing reveals which addresses exist).
 */
export async function queueMagicLink(db: Db, params: { email: string; url: string }): Promise<{ queued: boolean }> {
  return db.transaction(async (tx) => {
    // A member of at least one open account: a person the directory removed from their last account keeps
    // their user row (the audit log names them) but can no longer sign in.
    const [known] = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          sql`lower(${users.email}) = ${params.email.toLowerCase()}`,
          sql`exists (select 1 from ${memberships} join ${accounts} on ${accounts.id} = ${memberships.accountId}
                      where ${memberships.userId} = ${users.id} and ${accounts.closedAt} is null)`,
        ),
      );
    if (!known) return { queued: false };
    await queueMail(tx, { to: [params.email], template: 'magic-link', props: { url: params.url, host: new URL(params.url).host } });
    return { queued: true };
  });
}
