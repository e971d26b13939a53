'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { db } from '@/db';
import { userAction } from '@/lib/actions';
import { categoryKeys, getCategory } from '@/lib/notifications/catalog';
import { addRecipients, findAddCandidates, removeRecipient } from '@/lib/notifications/subscriptions';
import { isStorableText } from '@/lib/storable-text';

const accountId = z.string().uuid('Unknown account.');
const category = z.enum(categoryKeys, { error: 'Unknown notification category.' });
const userId = z.string().min(1).max(100).refine(isStorableText, 'Unknown user.');

const pagePath = (id: string) => `/accounts/${id}/notifications`;

export const searchCandidatesAction = userAction(
  z.object({ accountId, category, search: z.string().max(200).refine(isStorableText, 'The search contains an invalid character.').optional() }),
  async (input, { user }) => ({
    data: await findAddCandidates(db, { actorUserId: user.id, ...input, limit: 50 }),
  }),
);

export const addRecipientsAction = userAction(
  z.object({ accountId, category, userIds: z.array(userId).min(1, 'Select at least one user to add.').max(500) }),
  async (input, { user, meta }) => {
    const result = await addRecipients(db, { actorUserId: user.id, meta, ...input });
    revalidatePath(pagePath(input.accountId));
    const title = getCategory(input.category).title;
    const people = (n: number) => `${n} ${n === 1 ? 'recipient' : 'recipients'}`;
    const message =
      result.added > 0
        ? `Added ${people(result.added)} to ${title}.`
        : `The selected users were already subscribed to ${title}.`;
    return { data: result, message };
  },
);

export const removeRecipientAction = userAction(
  z.object({ accountId, category, userId, confirmEmail: z.string().max(320) }),
  async (input, { user, meta }) => {
    const result = await removeRecipient(db, { actorUserId: user.id, meta, ...input });
    revalidatePath(pagePath(input.accountId));
    return { data: result, message: `Unsubscribed from ${getCategory(input.category).title}. They have been notified by e-mail.` };
  },
);
