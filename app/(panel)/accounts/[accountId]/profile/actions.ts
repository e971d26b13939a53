'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { db } from '@/db';
import { userAction } from '@/lib/actions';
import { profileName } from '@/lib/profile/name-input';
import { updateOwnName } from '@/lib/profile/profile';

/** Profile & Settings → Name: the signed-in person renames themselves (never anyone else: there is no user id to pass). */
export const updateProfileNameAction = userAction(
  z.object({ accountId: z.string().uuid('Unknown account.'), name: profileName }),
  async (input, { user, meta }) => {
    const result = await updateOwnName(db, { actorUserId: user.id, accountId: input.accountId, name: input.name, meta });
    // The name shows in the header and in every list of every account.
    revalidatePath(`/accounts/${input.accountId}`, 'layout');
    return { data: result, message: result.changed ? `Your name is now ${result.name}.` : 'Your name was already saved.' };
  },
);
