import type { Db } from '@/db';
import { queueMail } from '@/lib/mail/queue';
import { findPersonWhoMaySignIn } from '@/lib/membership';

/**
 * Queues a sign-in link, only for a person someone added to an account.
 * Unknown addresses get no e-mail, so no link exists that could create a user,
 * and every caller sees the same outcome (nothing reveals which addresses exist).
 */
export async function queueMagicLink(db: Db, params: { email: string; url: string }): Promise<{ queued: boolean }> {
  return db.transaction(async (tx) => {
    if (!(await findPersonWhoMaySignIn(tx, { email: params.email }))) return { queued: false };
    await queueMail(tx, { to: [params.email], template: 'magic-link', props: { url: params.url, host: new URL(params.url).host } });
    return { queued: true };
  });
}
