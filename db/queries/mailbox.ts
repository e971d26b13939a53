import { desc, eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { isUuid } from '@/db/queries/accounts';
import { mailboxMessages } from '@/db/schema';

/** The local mailbox, newest first (a developer tool: not scoped to a tenant). */
export function listMailboxMessages(db: Tx, params: { limit?: number } = {}) {
  return db
    .select({
      id: mailboxMessages.id,
      from: mailboxMessages.from,
      to: mailboxMessages.to,
      cc: mailboxMessages.cc,
      subject: mailboxMessages.subject,
      createdAt: mailboxMessages.createdAt,
    })
    .from(mailboxMessages)
    .orderBy(desc(mailboxMessages.createdAt), desc(mailboxMessages.id))
    .limit(params.limit ?? 200);
}

/** One message with its bodies; null for an unknown or malformed id. */
export async function getMailboxMessage(db: Tx, params: { id: string }) {
  if (!isUuid(params.id)) return null;
  const [row] = await db.select().from(mailboxMessages).where(eq(mailboxMessages.id, params.id));
  return row ?? null;
}
