'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { db } from '@/db';
import { userAction } from '@/lib/actions';
import { removeSuppression, retryDelivery } from '@/lib/delivery/log';

const accountId = z.string().uuid('Unknown account.');

export const retryDeliveryAction = userAction(
  z.object({ accountId, deliveryId: z.number().int().positive() }),
  async (input, { user, meta }) => {
    await retryDelivery(db, { actorUserId: user.id, meta, ...input });
    revalidatePath(`/accounts/${input.accountId}/delivery-log`, 'layout');
    return { data: undefined, message: 'Queued again. The status updates when it has been sent.' };
  },
);

export const removeSuppressionAction = userAction(
  z.object({ accountId, email: z.string().trim().email('Not an e-mail address.').max(320) }),
  async (input, { user, meta }) => {
    await removeSuppression(db, { actorUserId: user.id, meta, ...input });
    revalidatePath(`/accounts/${input.accountId}/delivery-log`);
    return { data: undefined, message: `${input.email} can receive e-mail again.` };
  },
);
