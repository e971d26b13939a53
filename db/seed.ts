import { sql } from 'drizzle-orm';
import type { Db } from './index';
import { accountContacts, accounts, memberships, projectMemberships, projects, subscriptions, users } from './schema';
import type { MemberRole, NotificationCategory, ProjectRole } from './schema';

/** The demo domain: sign-in is only offered for these addresses. */
export const DEMO_EMAIL_DOMAIN = 'demo.example';

type SeedPerson = { key: string; name: string };
const people: SeedPerson[] = [
  { key: 'olivia', name: 'Olivia Owner' },
  { key: 'adam', name: 'Adam Admin' },
  { key: 'bianca', name: 'Bianca Billing' },
  { key: 'ursula', name: 'Ursula Useradmin' },
  { key: 'sam', name: 'Sam Subscriber' },
  { key: 'paula', name: 'Paula Projectadmin' },
  { key: 'victor', name: 'Victor Supervisor' },
  { key: 'rita', name: 'Rita Reseller' },
  { key: 'carl', name: 'Carl Customer' },
  { key: 'gina', name: 'Gina Globex' },
];

export const demoEmail = (key: string) => `${key}@${DEMO_EMAIL_DOMAIN}`;

const fillerFirst = ['Alex', 'Maria', 'Jon', 'Lea', 'Omar', 'Chen', 'Ines', 'Tom', 'Nora', 'Raj', 'Eva', 'Luis'];
const fillerLast = ['Meyer', 'Novak', 'Silva', 'Kowalski', 'Hansen', 'Rossi', 'Dubois', 'Ito'];

/**
 * Demo data: every role, two direct accounts, a reseller with two customers,
 * and people who belong to more than one account. Runs once: a database that
 * already has accounts is left alone.
 */
export async function seedDemoData(db: Db): Promise<{ seeded: boolean }> {
  return db.transaction(async (tx) => {
    // Serialise concurrent starters on the same database.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('seed-demo-data'))`);
    const existing = await tx.select({ id: accounts.id }).from(accounts).limit(1);
    if (existing.length > 0) return { seeded: false };

    const userRows = await tx
      .insert(users)
      .values(people.map((p) => ({ name: p.name, email: demoEmail(p.key), emailVerified: new Date() })))
      .returning({ id: users.id, email: users.email });
    const id = (key: string) => userRows.find((u) => u.email === demoEmail(key))!.id;

    const fillers = await tx
      .insert(users)
      .values(
        Array.from({ length: 36 }, (_, i) => {
          const first = fillerFirst[i % fillerFirst.length];
          const last = fillerLast[Math.floor(i / fillerFirst.length) % fillerLast.length];
          return { name: `${first} ${last}`, email: `${first}.${last}.${i}@example.com`.toLowerCase() };
        }),
      )
      .returning({ id: users.id });

    const [northwind, skyline] = await tx
      .insert(accounts)
      .values([{ name: 'Northwind Labs' }, { name: 'Skyline Reseller', isReseller: true }])
      .returning({ id: accounts.id });
    const [acme, globex] = await tx
      .insert(accounts)
      .values([
        { name: 'Acme Corp', resellerId: skyline.id },
        { name: 'Globex Industries', resellerId: skyline.id },
      ])
      .returning({ id: accounts.id });

    const member = (accountId: string, key: string, role: MemberRole) => ({ accountId, userId: id(key), role });
    await tx.insert(memberships).values([
      member(northwind.id, 'olivia', 'owner'),
      member(northwind.id, 'adam', 'account_admin'),
      member(northwind.id, 'bianca', 'billing_admin'),
      member(northwind.id, 'ursula', 'user_admin'),
      member(northwind.id, 'sam', 'subscriber'),
      member(northwind.id, 'paula', 'project_member'),
      member(northwind.id, 'victor', 'project_member'),
      ...fillers.map((f, i) => ({
        accountId: northwind.id,
        userId: f.id,
        role: (['account_admin', 'billing_admin', 'subscriber', 'project_member'] as const)[i % 4],
      })),
      member(skyline.id, 'rita', 'owner'),
      member(skyline.id, 'olivia', 'account_admin'),
      member(acme.id, 'carl', 'owner'),
      member(acme.id, 'bianca', 'billing_admin'),
      member(globex.id, 'gina', 'owner'),
    ]);

    const [web, analytics] = await tx
      .insert(projects)
      .values([
        { accountId: northwind.id, name: 'Web shop' },
        { accountId: northwind.id, name: 'Analytics' },
      ])
      .returning({ id: projects.id });
    const projectMember = (projectId: string, userId: string, role: ProjectRole) => ({
      projectId,
      accountId: northwind.id,
      userId,
      role,
    });
    await tx.insert(projectMemberships).values([
      projectMember(web.id, id('paula'), 'project_admin'),
      projectMember(web.id, id('victor'), 'project_supervisor'),
      projectMember(analytics.id, id('victor'), 'project_admin'),
      ...fillers.filter((_, i) => i % 4 === 3).map((f) => projectMember(analytics.id, f.id, 'project_supervisor')),
    ]);

    const subscribe = (key: string, category: NotificationCategory) => ({
      accountId: northwind.id,
      userId: id(key),
      category,
      addedByUserId: id('olivia'),
    });
    await tx.insert(subscriptions).values([
      subscribe('adam', 'account_agreement'),
      subscribe('adam', 'services'),
      subscribe('bianca', 'accounting_documents'),
      subscribe('bianca', 'balance_payments'),
      subscribe('sam', 'accounting_documents'),
      subscribe('paula', 'scheduled_maintenance'),
      subscribe('victor', 'scheduled_maintenance'),
    ]);

    // Contacts (seed 002): event e-mails go to them by role. Globex has only a primary
    // contact, so events for its billing contact show up as "missing" in the delivery log.
    const contact = (accountId: string, kind: 'primary' | 'billing' | 'account_manager', name: string, email: string) => ({
      accountId,
      kind,
      name,
      email,
      updatedByUserId: id('rita'),
    });
    await tx.insert(accountContacts).values([
      contact(skyline.id, 'primary', 'Rita Reseller', demoEmail('rita')),
      contact(skyline.id, 'billing', 'Skyline Accounts', 'accounts@skyline.example'),
      contact(skyline.id, 'account_manager', 'Olivia Owner', demoEmail('olivia')),
      contact(acme.id, 'primary', 'Carl Customer', demoEmail('carl')),
      contact(acme.id, 'billing', 'Bianca Billing', demoEmail('bianca')),
      contact(acme.id, 'account_manager', 'Alex Acme', 'alex@acme.example'),
      contact(globex.id, 'primary', 'Gina Globex', demoEmail('gina')),
      { ...contact(northwind.id, 'primary', 'Olivia Owner', demoEmail('olivia')), updatedByUserId: id('olivia') },
      { ...contact(northwind.id, 'billing', 'Bianca Billing', demoEmail('bianca')), updatedByUserId: id('olivia') },
    ]);
    return { seeded: true };
  });
}

/** The seeded people the demo sign-in page offers, with their role in each account. */
export const demoPeople = people;
