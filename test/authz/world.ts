// The people and accounts the authorization matrix calls as and about: one
// person per role, in a direct account and (with the same role) in a reseller
// account, plus strangers from elsewhere and another reseller whose objects
// (users, deliveries, customers, projects) the matrix tries to reach across.
import { and, eq, sql } from 'drizzle-orm';
import { DEMO_EMAIL_DOMAIN } from '@/db/seed';
import { deliveries, subscriptions, type MemberRole, type ProjectRole } from '@/db/schema';
import { createAccount, createUser, type TestDatabase } from '@/test/db';

export type Person = { userId: string; name: string; email: string };

/** Members of the home accounts, one per role; project users have no account-level role. */
export const MEMBER_KEYS = ['owner', 'accountAdmin', 'billingAdmin', 'userAdmin', 'subscriber', 'projectAdmin', 'projectSupervisor'] as const;
export type MemberKey = (typeof MEMBER_KEYS)[number];

const memberSpecs: { key: MemberKey | 'target'; name: string; role: MemberRole; project?: ProjectRole }[] = [
  { key: 'owner', name: 'Olga Owner', role: 'owner' },
  { key: 'accountAdmin', name: 'Adam Admin', role: 'account_admin' },
  { key: 'billingAdmin', name: 'Bill Billing', role: 'billing_admin' },
  { key: 'userAdmin', name: 'Ursula Useradmin', role: 'user_admin' },
  { key: 'subscriber', name: 'Sam Subscriber', role: 'subscriber' },
  { key: 'projectAdmin', name: 'Pia Projectadmin', role: 'project_member', project: 'project_admin' },
  { key: 'projectSupervisor', name: 'Sven Supervisor', role: 'project_member', project: 'project_supervisor' },
  // Not a caller: the person whom subscription and suppression changes are about.
  { key: 'target', name: 'Tina Target', role: 'account_admin' },
];

export type World = {
  people: Record<MemberKey | 'target', Person>;
  /** A direct account: the home of subscriptions, delivery log, inbox and Telegram. */
  direct: string;
  /** A reseller account with the same people in the same roles: the home of events and contacts. */
  reseller: string;
  /** A customer account of the reseller, with its own Owner. */
  customer: { accountId: string; owner: Person };
  /** Another reseller with a member, a project and a customer of its own. */
  other: { accountId: string; owner: Person; member: Person; projectId: string; customerId: string };
  deliveries: {
    /** Failed e-mail deliveries the delivery log may retry, at home and in the other account. */
    homeEmail: number;
    awayEmail: number;
    /** The other account member's in-app notification. */
    awayInApp: number;
    /** An e-mail delivery the Resend webhook reports on. */
    webhook: { id: number; address: string };
  };
  /** `valid` may publish only; `directory` may publish and manage the directory; `directoryOnly` may not publish. */
  apiKeys: { valid: string; revoked: string; directory: string; directoryOnly: string };
  /** A notification the `valid` key published (to the direct account). */
  publishedId: string;
  /** A broadcast the `valid` key made (to the direct and the other account). */
  broadcastId: string;
  /** The platform's refs of the direct account (directory API). */
  refs: { direct: string };
  /** A seeded demo person (the demo sign-in is only for them). */
  demoUser: Person;
};

export async function buildWorld(t: TestDatabase): Promise<World> {
  const { createApiKey, revokeApiKey } = await import('@/lib/delivery/api-keys');
  const { publishNotification } = await import('@/lib/delivery/publish');
  const { publishBroadcast } = await import('@/lib/delivery/broadcast');

  const members = (existing?: Person[]) =>
    memberSpecs.map((m, i) => ({
      role: m.role,
      name: m.name,
      userId: existing?.[i].userId,
      projects: m.project ? [{ project: 'Web', role: m.project }] : undefined,
    }));
  const direct = await createAccount(t.db, { name: 'Direct Ltd', members: members() });
  const reseller = await createAccount(t.db, { name: 'Skyline Reseller', isReseller: true, members: members(direct.members) });
  const customer = await createAccount(t.db, { name: 'Acme (customer of Skyline)', resellerId: reseller.accountId });
  const other = await createAccount(t.db, {
    name: 'Other Reseller',
    isReseller: true,
    members: [{ role: 'account_admin', name: 'Ben Other' }],
    projects: ['Ops'],
  });
  const otherCustomer = await createAccount(t.db, { name: 'Other customer', resellerId: other.accountId });
  const people = {} as World['people'];
  memberSpecs.forEach((m, i) => (people[m.key] = direct.members[i]));
  const awayMember = other.members[0];

  // Every home member but the Owner (who receives everything anyway) receives Balance and payments,
  // so Telegram eligibility depends on the role alone; the reseller account has no subscriptions.
  await t.db.insert(subscriptions).values(
    MEMBER_KEYS.filter((k) => k !== 'owner').map((k) => ({ accountId: direct.accountId, userId: people[k].userId, category: 'balance_payments' as const })),
  );
  await t.db.insert(subscriptions).values({ accountId: other.accountId, userId: awayMember.userId, category: 'balance_payments' });

  const key = await createApiKey(t.db, { name: 'authz matrix' });
  const revoked = await createApiKey(t.db, { name: 'authz matrix (revoked)' });
  const directoryKey = await createApiKey(t.db, { name: 'authz matrix (directory)', scopes: ['publish', 'directory'] });
  const directoryOnlyKey = await createApiKey(t.db, { name: 'authz matrix (directory only)', scopes: ['directory'] });
  await t.db.execute(sql`update accounts set ref = 'authz-direct' where id = ${direct.accountId}`);
  const publishedIds: string[] = [];
  await revokeApiKey(t.db, { prefixOrId: revoked.id });
  for (const accountId of [direct.accountId, other.accountId]) {
    const published = await publishNotification(t.db, {
      apiKeyId: key.id,
      idempotencyKey: null,
      body: { account_id: accountId, type: 'debt', availability: 'all_users', subject: 'Your balance is negative' },
    });
    if (published.status !== 202) throw new Error(`fixture: publishing failed: ${JSON.stringify(published.body)}`);
    publishedIds.push(published.body.id as string);
  }
  const broadcast = await publishBroadcast(t.db, {
    apiKeyId: key.id,
    idempotencyKey: null,
    body: { account_ids: [direct.accountId, other.accountId], type: 'product_updates', subject: 'A new data centre' },
  });
  if (broadcast.status !== 202) throw new Error(`fixture: broadcasting failed: ${JSON.stringify(broadcast.body)}`);
  const delivery = async (accountId: string, person: Person, channel: 'email' | 'in_app') => {
    const [row] = await t.db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(eq(deliveries.accountId, accountId), eq(deliveries.userId, person.userId), eq(deliveries.channel, channel)));
    if (!row) throw new Error(`fixture: no ${channel} delivery for ${person.name}`);
    return row.id;
  };
  // Each home member has an unread in-app notification, so marking read has something to change.
  for (const k of MEMBER_KEYS) await delivery(direct.accountId, people[k], 'in_app');

  return {
    people,
    direct: direct.accountId,
    reseller: reseller.accountId,
    customer: { accountId: customer.accountId, owner: customer.owner },
    other: { accountId: other.accountId, owner: other.owner, member: awayMember, projectId: other.projects.Ops, customerId: otherCustomer.accountId },
    deliveries: {
      homeEmail: await delivery(direct.accountId, people.owner, 'email'),
      awayEmail: await delivery(other.accountId, awayMember, 'email'),
      awayInApp: await delivery(other.accountId, awayMember, 'in_app'),
      webhook: { id: await delivery(direct.accountId, people.accountAdmin, 'email'), address: people.accountAdmin.email },
    },
    apiKeys: { valid: key.secret, revoked: revoked.secret, directory: directoryKey.secret, directoryOnly: directoryOnlyKey.secret },
    publishedId: publishedIds[0],
    broadcastId: broadcast.body.id as string,
    refs: { direct: 'authz-direct' },
    demoUser: await createUser(t.db, { name: 'Dana Demo', email: `dana-authz@${DEMO_EMAIL_DOMAIN}` }),
  };
}
