// The reseller events of seed 002's Users group that the Users page causes:
// *Users – new user invited* and *Users – new permissions assigned*. Published
// through the event pipeline (lib/events/publish.ts) in the change's own
// transaction, only for a reseller's customer whose reseller has them on.
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { accounts } from '@/db/schema';
import type { EventData } from '@/lib/events/catalog';
import { eventEnabled, writeEvent } from '@/lib/events/publish';
import type { EventPerson } from '@/lib/events/recipients';

export type UsersEvent =
  | { event: 'users.user_invited'; invitedUser: EventPerson; data: EventData }
  | { event: 'users.permissions_assigned'; affectedUser: EventPerson; data: EventData };

export async function publishUsersEvent(
  tx: Tx,
  account: { id: string; name: string; resellerId: string | null },
  initiator: EventPerson,
  e: UsersEvent,
): Promise<boolean> {
  if (!account.resellerId || !(await eventEnabled(tx, account.resellerId, e.event))) return false;
  const [reseller] = await tx.select({ id: accounts.id, name: accounts.name }).from(accounts).where(eq(accounts.id, account.resellerId));
  await writeEvent(tx, {
    reseller,
    customer: { id: account.id, name: account.name },
    body: {
      event: e.event,
      initiator,
      invited_user: e.event === 'users.user_invited' ? e.invitedUser : undefined,
      affected_user: e.event === 'users.permissions_assigned' ? e.affectedUser : undefined,
      data: e.data,
    },
    apiKeyId: null,
  });
  return true;
}
