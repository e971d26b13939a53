'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { db } from '@/db';
import { userAction } from '@/lib/actions';
import { contactsInput } from '@/lib/events/contact-input';
import { updateContacts } from '@/lib/events/contacts';

export const updateContactsAction = userAction(
  z.object({
    accountId: z.string().uuid('Unknown account.'),
    /** Set when reseller staff edit a customer's contacts from the reseller account. */
    customerId: z.string().uuid('Unknown customer.').optional(),
    contacts: contactsInput,
  }),
  async (input, { user, meta }) => {
    const result = await updateContacts(db, {
      actorUserId: user.id,
      accountId: input.customerId ?? input.accountId,
      viaResellerId: input.customerId ? input.accountId : undefined,
      contacts: input.contacts,
      meta,
    });
    revalidatePath(`/accounts/${input.accountId}/settings/contacts`, 'layout');
    const n = result.changed.length;
    return { data: result, message: n === 0 ? 'Nothing changed.' : `Contacts saved (${n} ${n === 1 ? 'change' : 'changes'}).` };
  },
);
