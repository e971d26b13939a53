'use server';

import { z } from 'zod';
import { db } from '@/db';
import { userAction } from '@/lib/actions';
import { listInbox, markRead, unreadCount } from '@/lib/delivery/log';

const accountId = z.string().uuid('Unknown account.');

export const loadInboxAction = userAction(z.object({ accountId }), async (input, { user }) => {
  const [items, unread] = await Promise.all([
    listInbox(db, { userId: user.id, accountId: input.accountId, limit: 30 }),
    unreadCount(db, { userId: user.id, accountId: input.accountId }),
  ]);
  return { data: { items: items.map((i) => ({ ...i, readAt: i.readAt?.toISOString() ?? null, createdAt: i.createdAt.toISOString() })), unread } };
});

export const unreadCountAction = userAction(z.object({ accountId }), async (input, { user }) => ({
  data: await unreadCount(db, { userId: user.id, accountId: input.accountId }),
}));

export const markReadAction = userAction(
  z.object({ accountId, deliveryId: z.number().int().positive().optional() }),
  async (input, { user }) => ({ data: await markRead(db, { userId: user.id, ...input }) }),
);
