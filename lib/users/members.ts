// Changing a member's role and removing a member from Access control → Users.
// The rules are the directory API's (lib/notifications/rules.ts decides who may,
// lib/directory/members.ts changeMembers applies them, with its audit entries):
// one Owner, moved only by the Owner; a new role ends the subscriptions it may
// not have; a removed member loses everything of the account and is e-mailed.
import type { Db } from '@/db';
import type { MemberRole } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit';
import { DomainError } from '@/lib/errors';
import { queueMail } from '@/lib/mail/queue';
import { roleLabels } from '@/lib/notifications/roles';
import { authorizeMemberRemoval, authorizeRoleChange, confirmationMatches, whomToAskAboutUsers } from '@/lib/notifications/rules';
import { publishUsersEvent } from './events';
import { changeMembersAsPerson, findTargetMember, lockManagedAccount } from './manager';

export async function changeMemberRole(
  db: Db,
  params: { actorUserId: string; accountId: string; userId: string; role: MemberRole; meta: RequestMeta },
): Promise<{ name: string; role: MemberRole }> {
  return db.transaction(async (tx) => {
    const manager = await lockManagedAccount(tx, params);
    const target = await findTargetMember(tx, params.accountId, params.userId);
    const decision = authorizeRoleChange({
      actorRole: manager.role,
      targetRole: target.role,
      newRole: params.role,
      targetHasProjectRoles: target.projectRoles > 0,
      actorIsTarget: manager.user.id === target.userId,
    });
    if (!decision.allowed) throw new DomainError('forbidden', decision.reason);
    await changeMembersAsPerson(tx, params.accountId, { userId: manager.user.id, meta: params.meta }, {
      mode: 'partial',
      members: [{ email: target.email, role: params.role, projects: undefined }],
      remove: [],
    });
    await publishUsersEvent(tx, manager.account, { name: manager.user.name ?? undefined, email: manager.user.email }, {
      event: 'users.permissions_assigned',
      affectedUser: { name: target.name ?? undefined, email: target.email },
      data: { permissions: roleLabels[params.role] },
    });
    return { name: target.name ?? target.email, role: params.role };
  });
}

export async function removeAccountMember(
  db: Db,
  params: { actorUserId: string; accountId: string; userId: string; confirmEmail: string; meta: RequestMeta },
): Promise<{ name: string }> {
  return db.transaction(async (tx) => {
    const manager = await lockManagedAccount(tx, params);
    const target = await findTargetMember(tx, params.accountId, params.userId);
    const decision = authorizeMemberRemoval({ actorRole: manager.role, targetRole: target.role, actorIsTarget: manager.user.id === target.userId });
    if (!decision.allowed) throw new DomainError('forbidden', decision.reason);
    if (!confirmationMatches(params.confirmEmail, target.email)) throw new DomainError('invalid', `Type ${target.email} to confirm.`);
    await changeMembersAsPerson(tx, params.accountId, { userId: manager.user.id, meta: params.meta }, { mode: 'partial', members: [], remove: [target.email] });
    await queueMail(tx, {
      to: [target.email],
      template: 'member-removed',
      accountId: params.accountId,
      props: {
        recipientName: target.name ?? target.email,
        accountName: manager.account.name,
        removedByName: manager.user.name ?? manager.user.email,
        removedByEmail: manager.user.email,
        askWhom: whomToAskAboutUsers(),
      },
    });
    return { name: target.name ?? target.email };
  });
}
