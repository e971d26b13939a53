'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { db } from '@/db';
import { memberRole, projectRole } from '@/db/schema';
import { userAction } from '@/lib/actions';
import { roleLabels } from '@/lib/notifications/roles';
import { isStorableText } from '@/lib/storable-text';
import { inviteUsers, MAX_INVITES_AT_ONCE, resendInvitation, revokeInvitation } from '@/lib/users/invitations';
import { changeMemberRole, removeAccountMember } from '@/lib/users/members';

const accountId = z.string().uuid('Unknown account.');
const userId = z.string().min(1).max(100).refine(isStorableText, 'Unknown user.');
const invitationId = z.string().uuid('Unknown invitation.');
const role = z.enum(memberRole.enumValues, { error: 'Choose a role.' });
const email = z
  .string({ error: 'Enter an e-mail address.' })
  .trim()
  .toLowerCase()
  .max(254, 'An e-mail address is at most 254 characters.')
  .pipe(z.email('Enter valid e-mail addresses, like name@example.com.'));

const pagePath = (id: string) => `/accounts/${id}/users`;
const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

export const inviteUsersAction = userAction(
  z.object({
    accountId,
    emails: z.array(email).min(1, 'Enter at least one e-mail address.').max(MAX_INVITES_AT_ONCE, `Invite at most ${MAX_INVITES_AT_ONCE} people at a time.`),
    role,
    projectRoles: z
      .array(z.object({ projectId: z.string().uuid('Unknown project.'), role: z.enum(projectRole.enumValues, { error: 'Choose a project role.' }) }))
      .max(100)
      .default([]),
  }),
  async (input, { user, meta }) => {
    const result = await inviteUsers(db, { actorUserId: user.id, meta, ...input });
    revalidatePath(pagePath(input.accountId));
    const parts = [
      result.invited.length ? `Invited ${people(result.invited.length)} as ${roleLabels[input.role]}` : null,
      result.resent.length ? `sent a new invitation to ${result.resent.join(', ')}` : null,
    ].filter(Boolean);
    const message = `${parts.join('; ')}.`;
    return { data: result, message: message.charAt(0).toUpperCase() + message.slice(1) };
  },
);

export const resendInvitationAction = userAction(z.object({ accountId, invitationId }), async (input, { user, meta }) => {
  const result = await resendInvitation(db, { actorUserId: user.id, meta, ...input });
  revalidatePath(pagePath(input.accountId));
  return { data: result, message: `Sent a new invitation to ${result.email}. The previous link no longer works.` };
});

export const revokeInvitationAction = userAction(z.object({ accountId, invitationId }), async (input, { user, meta }) => {
  const result = await revokeInvitation(db, { actorUserId: user.id, meta, ...input });
  revalidatePath(pagePath(input.accountId));
  return { data: result, message: `Revoked the invitation of ${result.email}.` };
});

export const changeMemberRoleAction = userAction(z.object({ accountId, userId, role }), async (input, { user, meta }) => {
  const result = await changeMemberRole(db, { actorUserId: user.id, meta, ...input });
  revalidatePath(pagePath(input.accountId));
  return { data: result, message: `${result.name} is now ${roleLabels[result.role]}.` };
});

export const removeMemberAction = userAction(z.object({ accountId, userId, confirmEmail: z.string().max(320) }), async (input, { user, meta }) => {
  const result = await removeAccountMember(db, { actorUserId: user.id, meta, ...input });
  revalidatePath(pagePath(input.accountId));
  return { data: result, message: `Removed ${result.name} from the account. They have been notified by e-mail.` };
});
