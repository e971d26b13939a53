// Who may see and change category subscriptions. The one place these rules
// live: pages, server actions and the SQL that lists candidates all ask here.
// Also who may see and change the account's members (Access control → Users).
import type { MemberRole, NotificationCategory } from '@/db/schema';
import { catalog, getCategory, type Availability } from './catalog';
import { roleLabels } from './roles';

export type Decision = { allowed: true } | { allowed: false; reason: string };
const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** The only categories a Subscriber may be subscribed to (seed: "For your information"). */
export const SUBSCRIBER_CATEGORIES: readonly NotificationCategory[] = ['accounting_documents', 'balance_payments'];

/** Roles that manage everyone's subscriptions. */
export const MANAGER_ROLES: readonly MemberRole[] = ['owner', 'user_admin'];

export const canManageSubscriptions = (role: MemberRole) => MANAGER_ROLES.includes(role);

/** Items in words: "A", "A and B", "A, B and C" (or "or"). */
export function inWords(items: readonly string[], joiner: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1]}`;
}

/**
 * Roles in words, for the sentences that explain a rule, so the prose follows the constants:
 * `all` names everyone with the roles ("the Account Owner and User Administrators"), `one` any
 * one of them ("the Account Owner or a User Administrator"). There is one Owner per account.
 */
export function rolesInWords(roles: readonly MemberRole[], form: 'all' | 'one'): string {
  const phrase = (role: MemberRole) => {
    const label = roleLabels[role];
    if (role === 'owner') return `the ${label}`;
    if (form === 'all') return `${label}s`;
    // "an Account Administrator", "a User Administrator" (a consonant sound).
    return `${/^[AEIO]/.test(label) ? 'an' : 'a'} ${label}`;
  };
  return inWords(roles.map(phrase), form === 'all' ? 'and' : 'or');
}

/** The categories a Subscriber may have, in words ("Accounting documents and Balance and payments"). */
export const subscriberCategoriesInWords = () => inWords(SUBSCRIBER_CATEGORIES.map((c) => getCategory(c).title), 'and');

/** May the actor change anyone's subscriptions? */
export function subscriptionManagement(role: MemberRole): Decision {
  return canManageSubscriptions(role) ? allow : deny(`Only ${rolesInWords(MANAGER_ROLES, 'all')} can change subscriptions.`);
}

/** Whom a member asks to be subscribed or unsubscribed, when nobody is named ("the Account Owner or a User Administrator"). */
export const whomToAskAboutSubscriptions = () => rolesInWords(MANAGER_ROLES, 'one');

/** Roles that can be subscribed to a category (the Owner receives everything without a subscription). */
export function eligibleRolesFor(category: NotificationCategory): MemberRole[] {
  const roles: MemberRole[] = ['account_admin', 'billing_admin', 'user_admin', 'project_member'];
  if (SUBSCRIBER_CATEGORIES.includes(category)) roles.push('subscriber');
  return roles;
}

/** May a user with `targetRole` be subscribed to `category` at all? */
export function subscriptionEligibility(targetRole: MemberRole, category: NotificationCategory): Decision {
  if (targetRole === 'owner') return deny('The Account Owner already receives every notification.');
  if (!eligibleRolesFor(category).includes(targetRole)) {
    return deny(`A ${roleLabels[targetRole]} can only be subscribed to ${subscriberCategoriesInWords()}, not to ${getCategory(category).title}.`);
  }
  return allow;
}

export type SubscriptionChange = {
  action: 'add' | 'remove';
  actorRole: MemberRole;
  targetRole: MemberRole;
  category: NotificationCategory;
};

/** May the actor subscribe (add) or unsubscribe (remove) the target in this category? Same account is checked by the caller's query. */
export function authorizeSubscriptionChange(change: SubscriptionChange): Decision {
  const management = subscriptionManagement(change.actorRole);
  if (!management.allowed) return management;
  if (change.action === 'remove') {
    return change.targetRole === 'owner'
      ? deny('The Account Owner receives every notification and cannot be unsubscribed.')
      : allow;
  }
  return subscriptionEligibility(change.targetRole, change.category);
}

// ---------------------------------------------------------------------------
// Who receives a notification (SPEC §2). The fan-out's SQL is built from these
// same predicates (rules-sql.ts: recipientSql), and lib/delivery/fanout.test.ts
// proves the two agree for every role, category, availability and Telegram state.
// ---------------------------------------------------------------------------

/**
 * Whom each availability reaches besides the account-level roles (seeds 000/001, "Availability"):
 * every project member, none, or those of the notification's project.
 */
export const AVAILABILITY_PROJECT_MEMBERS: Record<Availability, 'all' | 'none' | 'of_the_project'> = {
  all_users: 'all',
  account_users: 'none',
  project_users: 'of_the_project',
};

/** Does a notification of this availability reach the member at all? */
export function availableTo(m: { role: MemberRole; inProject: boolean }, availability: Availability): boolean {
  if (m.role !== 'project_member') return true;
  const reach = AVAILABILITY_PROJECT_MEMBERS[availability];
  return reach === 'all' || (reach === 'of_the_project' && m.inProject);
}

/** Categories also delivered to Telegram (seed: "For the Balance and payments category"). */
export const TELEGRAM_CATEGORIES: readonly NotificationCategory[] = ['balance_payments'];

export type RecipientFacts = {
  role: MemberRole;
  /** Subscribed to the notification's category in the account. */
  subscribed: boolean;
  /** A member of the notification's project (for project members). */
  inProject: boolean;
  /** An active Telegram link. */
  telegramLinked: boolean;
};

/**
 * What a member receives of a notification of `category` with `availability`: e-mail (and the
 * notification centre) when the Owner, or subscribed, and the category is one the role may have,
 * and the availability reaches them; Telegram besides, for a Telegram category, when linked and not
 * a Subscriber.
 */
export function receives(m: RecipientFacts, n: { category: NotificationCategory; availability: Availability }): { email: boolean; telegram: boolean } {
  const email =
    (m.role === 'owner' || m.subscribed) &&
    (m.role !== 'subscriber' || SUBSCRIBER_CATEGORIES.includes(n.category)) &&
    availableTo(m, n.availability);
  const telegram = email && m.telegramLinked && m.role !== 'subscriber' && TELEGRAM_CATEGORIES.includes(n.category);
  return { email, telegram };
}

/** The confirmation typed in the delete dialog must be the user's e-mail (case and surrounding spaces ignored). */
export const confirmationMatches = (typed: string, email: string) => typed.trim().toLowerCase() === email.trim().toLowerCase();

// ---------------------------------------------------------------------------
// Telegram (seeds 000/001, "Connect notifications in Telegram")
// ---------------------------------------------------------------------------

/** The one category Telegram delivers. */
export const TELEGRAM_CATEGORY: NotificationCategory = TELEGRAM_CATEGORIES[0];

/** One of a person's open accounts, as Telegram's eligibility sees it. */
export type TelegramMembership = { accountId: string; accountName: string; role: MemberRole; subscribedToBalance: boolean };

/**
 * Does a chat linked by this member receive the account's Balance and payments notifications
 * (those for all users of the account)? Asked of receives(), which the fan-out follows: the Owner
 * always, a Subscriber never by Telegram, anyone else when subscribed.
 */
export const telegramDeliversIn = (m: { role: MemberRole; subscribedToBalance: boolean }) =>
  receives({ role: m.role, subscribed: m.subscribedToBalance, inProject: false, telegramLinked: true }, { category: TELEGRAM_CATEGORY, availability: 'all_users' })
    .telegram;

export type TelegramDecision =
  | { allowed: true; /** The accounts whose Balance and payments the chat will deliver, by name. */ deliversFor: { accountId: string; accountName: string }[] }
  | { allowed: false; reason: string; code: 'subscriber_role' | 'not_subscribed' };

/**
 * May this person connect Telegram? One chat serves all of a person's accounts
 * (SPEC §1), so the answer is the person's, whichever account they look from:
 * yes when at least one of their accounts would deliver to the chat
 * (telegramDeliversIn). The reason is written for the person; whom to ask is
 * added by the caller.
 */
export function telegramEligibility(memberships: readonly TelegramMembership[]): TelegramDecision {
  const deliversFor = memberships
    .filter(telegramDeliversIn)
    .map(({ accountId, accountName }) => ({ accountId, accountName }))
    .sort((a, b) => a.accountName.localeCompare(b.accountName));
  if (deliversFor.length > 0) return { allowed: true, deliversFor };
  const title = getCategory(TELEGRAM_CATEGORY).title;
  if (memberships.every((m) => m.role === 'subscriber')) {
    return {
      allowed: false,
      code: 'subscriber_role',
      reason: 'Telegram notifications are not available to users with the Subscriber role.',
    };
  }
  return {
    allowed: false,
    code: 'not_subscribed',
    reason: `Telegram delivers ${title} notifications, and you are not subscribed to ${title} in any of your accounts.`,
  };
}

// ---------------------------------------------------------------------------
// Delivery log and suppression list (SPEC §3 "Delivery log", §4 webhooks)
// ---------------------------------------------------------------------------

/** Who sees every notification of the account with each recipient's delivery status. */
export const DELIVERY_LOG_ROLES: readonly MemberRole[] = ['owner', 'user_admin', 'account_admin'];

export function canViewDeliveryLog(role: MemberRole): Decision {
  return DELIVERY_LOG_ROLES.includes(role)
    ? allow
    : deny(`Only ${rolesInWords(DELIVERY_LOG_ROLES, 'all')} can see the delivery log.`);
}

/** Retrying a failed delivery is an action on the log, for the same people. */
export const canRetryDelivery = canViewDeliveryLog;

/** Only the Owner sees and lifts suppressions of the account's addresses (bounces and complaints). */
export function canManageSuppressions(role: MemberRole): Decision {
  return role === 'owner' ? allow : deny('Only the Account Owner can see and remove suppressed addresses.');
}

// ---------------------------------------------------------------------------
// Reseller event notifications and account contacts (seed 002)
// ---------------------------------------------------------------------------

/** Who switches a reseller's event e-mails on and off and edits their recipients. */
export const EVENT_SETTINGS_ROLES: readonly MemberRole[] = ['owner', 'account_admin'];

export function canManageEventSettings(p: { role: MemberRole; isReseller: boolean }): Decision {
  if (!p.isReseller) return deny('Event notifications are a feature of reseller accounts.');
  return EVENT_SETTINGS_ROLES.includes(p.role)
    ? allow
    : deny(`Only ${rolesInWords(EVENT_SETTINGS_ROLES, 'all')} of the reseller can change event notifications.`);
}

/**
 * Who edits an account's contacts (primary, billing, account manager). The
 * User Administrator may too: contacts decide who receives event e-mails, as
 * subscriptions do for category notifications.
 */
export const CONTACT_EDITOR_ROLES: readonly MemberRole[] = ['owner', 'account_admin', 'user_admin'];

/**
 * May the actor edit the contacts of an account? `relation` is how the actor
 * reaches it: as a member of the account itself, or as a member of the
 * reseller whose customer it is. Anyone else does not see the account at all
 * (the caller answers not found).
 */
export function canEditContacts(p: { relation: 'member' | 'reseller'; role: MemberRole }): Decision {
  if (CONTACT_EDITOR_ROLES.includes(p.role)) return allow;
  return deny(
    p.relation === 'reseller'
      ? `Only ${rolesInWords(CONTACT_EDITOR_ROLES, 'all')} of the reseller can change its customers’ contacts.`
      : `Only ${rolesInWords(CONTACT_EDITOR_ROLES, 'all')} can change the contacts.`,
  );
}

// ---------------------------------------------------------------------------
// Membership changes (the directory API, and the panel's Users page)
// ---------------------------------------------------------------------------

/** The role a previous Owner gets when ownership moves and nobody says which. */
export const DEFAULT_FORMER_OWNER_ROLE: MemberRole = 'account_admin';


/** Who invites people, changes members' roles and removes members (Access control → Users). */
export const USER_MANAGER_ROLES: readonly MemberRole[] = ['owner', 'user_admin'];

/**
 * Who sees the account's member list: the account-level administrators. Subscribers and
 * project-level users do not: their access is to notifications or to one project, and the list
 * would show them everyone's e-mail address.
 */
export const USER_LIST_ROLES: readonly MemberRole[] = ['owner', 'account_admin', 'billing_admin', 'user_admin'];

export function canViewUsers(role: MemberRole): Decision {
  return USER_LIST_ROLES.includes(role) ? allow : deny(`Only ${rolesInWords(USER_LIST_ROLES, 'all')} can see the users of the account.`);
}

export function userManagement(role: MemberRole): Decision {
  return USER_MANAGER_ROLES.includes(role) ? allow : deny(`Only ${rolesInWords(USER_MANAGER_ROLES, 'all')} can invite, change and remove users.`);
}

/** Whom to ask about access, when nobody is named ("the Account Owner or a User Administrator"). */
export const whomToAskAboutUsers = () => rolesInWords(USER_MANAGER_ROLES, 'one');

/**
 * May the panel change the members of this account at all? When the host platform's directory
 * manages it (it has a ref) and the operator set DIRECTORY_READ_ONLY, the platform is the only place.
 */
export function panelMemberChanges(p: { managedByDirectory: boolean; directoryReadOnly: boolean }): Decision {
  return p.managedByDirectory && p.directoryReadOnly
    ? deny('The platform manages the users of this account: invite, change and remove them there.')
    : allow;
}

/** The roles an invitation may give: every role but the Owner's, which moves only between members. */
export const INVITABLE_ROLES: readonly MemberRole[] = ['account_admin', 'billing_admin', 'user_admin', 'subscriber', 'project_member'];

export function authorizeInvitation(p: { actorRole: MemberRole; role: MemberRole; projectRoles: number }): Decision {
  const management = userManagement(p.actorRole);
  if (!management.allowed) return management;
  if (p.role === 'owner') return deny('Nobody can be invited as the Account Owner: invite them with another role, then make them the Owner.');
  if (p.role === 'project_member' && p.projectRoles === 0) return deny('A project-level user needs at least one project role.');
  return allow;
}

export type RoleChange = {
  actorRole: MemberRole;
  targetRole: MemberRole;
  newRole: MemberRole;
  /** The target has at least one project role (a project-level user needs one). */
  targetHasProjectRoles: boolean;
  actorIsTarget: boolean;
};

/** May the actor give the target the new role? The same rules as the directory API's (one Owner, moved only by the Owner). */
export function authorizeRoleChange(c: RoleChange): Decision {
  const management = userManagement(c.actorRole);
  if (!management.allowed) return management;
  if (c.targetRole === c.newRole) return deny(`They already have the role ${roleLabels[c.newRole]}.`);
  if (c.targetRole === 'owner') {
    if (c.actorRole !== 'owner') return deny(`A ${roleLabels.user_admin} cannot change the ${roleLabels.owner}.`);
    return deny(`To hand over the account, make another member the ${roleLabels.owner}: you then become ${roleLabels[DEFAULT_FORMER_OWNER_ROLE]}.`);
  }
  if (c.newRole === 'owner' && c.actorRole !== 'owner') return deny(`Only the ${roleLabels.owner} can transfer ownership.`);
  if (c.newRole === 'project_member' && !c.targetHasProjectRoles) {
    return deny('A project-level user needs at least one project role, and they have none.');
  }
  return allow;
}

/** May the actor remove the target from the account? */
export function authorizeMemberRemoval(p: { actorRole: MemberRole; targetRole: MemberRole; actorIsTarget: boolean }): Decision {
  const management = userManagement(p.actorRole);
  if (!management.allowed) return management;
  if (p.targetRole === 'owner') return deny(`The ${roleLabels.owner} cannot be removed. Make another member the Owner first.`);
  if (p.actorIsTarget) return deny(`You cannot remove yourself. Ask ${whomToAskAboutUsers()} to do it.`);
  return allow;
}

/**
 * What else a change of role does, in sentences for the confirmation dialog, from the same rules
 * changeMembers applies: the subscriptions a new role may not have end; a former Owner keeps
 * receiving what the new role may.
 */
export function roleChangeConsequences(from: MemberRole, to: MemberRole): string[] {
  const out: string[] = [];
  if (to === 'owner') {
    out.push(
      `They become the ${roleLabels.owner} and receive every notification; you become ${roleLabels[DEFAULT_FORMER_OWNER_ROLE]}.`,
    );
    return out;
  }
  const ended = catalog.filter((c) => from !== 'owner' && !eligibleRolesFor(c.key).includes(to) && eligibleRolesFor(c.key).includes(from));
  if (ended.length) {
    out.push(
      `A ${roleLabels[to]} can only be subscribed to ${subscriberCategoriesInWords()}: their subscriptions to ${inWords(
        ended.map((c) => c.title),
        'and',
      )} end.`,
    );
  }
  if (to === 'subscriber' && from !== 'subscriber') out.push('Telegram notifications stop: Subscribers do not receive them.');
  return out;
}
