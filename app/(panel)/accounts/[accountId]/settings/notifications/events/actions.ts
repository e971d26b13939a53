'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { db } from '@/db';
import { userAction } from '@/lib/actions';
import { eventKeys, getEvent } from '@/lib/events/catalog';
import { previewEvent, sendEventTest } from '@/lib/events/preview';
import { recipientListSchema, recipientSpecSchema } from '@/lib/events/recipients';
import { setEventEnabled, updateEventRecipients } from '@/lib/events/settings';

const target = { accountId: z.string().uuid('Unknown account.'), eventKey: z.enum(eventKeys, { error: 'Unknown event.' }) };
// Preview and test accept any recipients the dialog may hold while being edited; saving checks the list.
const draftRecipients = { to: z.array(recipientSpecSchema).max(30), cc: z.array(recipientSpecSchema).max(30) };

const pagePath = (accountId: string) => `/accounts/${accountId}/settings/notifications/events`;

export const toggleEventAction = userAction(z.object({ ...target, enabled: z.boolean() }), async (input, { user, meta }) => {
  const result = await setEventEnabled(db, { actorUserId: user.id, meta, ...input });
  revalidatePath(pagePath(input.accountId));
  const title = getEvent(input.eventKey).title;
  return { data: result, message: `E-mail for ${title} is ${result.enabled ? 'on' : 'off'}.` };
});

export const saveEventRecipientsAction = userAction(
  z.object({ ...target, recipients: recipientListSchema }),
  async (input, { user, meta }) => {
    const result = await updateEventRecipients(db, { actorUserId: user.id, meta, ...input });
    revalidatePath(pagePath(input.accountId));
    const title = getEvent(input.eventKey).title;
    return { data: result, message: result.changed ? `Recipients of ${title} saved.` : `Recipients of ${title} were already saved.` };
  },
);

export const previewEventAction = userAction(z.object({ ...target, recipients: z.object(draftRecipients) }), async (input, { user }) => ({
  data: await previewEvent(db, { actorUserId: user.id, ...input }),
}));

export const sendEventTestAction = userAction(z.object({ ...target, recipients: z.object(draftRecipients) }), async (input, { user, meta }) => {
  const result = await sendEventTest(db, { actorUserId: user.id, actorEmail: user.email, meta, ...input });
  return { data: result, message: `Test e-mail sent to ${result.sentTo}.` };
});
