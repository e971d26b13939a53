// Account contacts: edited by the account's own Owner/Admins, or by its
// reseller's; read by the account's members and the reseller's; nobody else.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountContacts, auditLog } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit';
import { DomainError } from '@/lib/errors';
import { createAccount, setupTestDatabase, type CreatedAccount } from '@/test/db';
import { contactsInput, type ContactsInput } from './contact-input';
import { getContacts, listCustomerContacts, updateContacts } from './contacts';

const t = setupTestDatabase();
const meta: RequestMeta = { ip: '192.0.2.10', userAgent: 'vitest' };
let reseller: CreatedAccount;
let customer: CreatedAccount;
let foreignCustomer: CreatedAccount;
let stranger: CreatedAccount;
const person = (a: CreatedAccount, role: string) => (role === 'owner' ? a.owner : a.members.find((m) => m.role === role)!);
const roles = ['account_admin', 'billing_admin', 'user_admin', 'subscriber', 'project_member'] as const;

beforeAll(async () => {
  reseller = await createAccount(t.db, { name: 'Skyline', isReseller: true, members: roles.map((role) => ({ role })) });
  customer = await createAccount(t.db, { name: 'Acme', resellerId: reseller.accountId, members: roles.map((role) => ({ role })) });
  const otherReseller = await createAccount(t.db, { name: 'Elsewhere', isReseller: true });
  foreignCustomer = await createAccount(t.db, { name: 'Initech', resellerId: otherReseller.accountId });
  stranger = await createAccount(t.db, { name: 'Stranger', members: [{ role: 'account_admin' }] });
});

const contacts = (primaryEmail: string): ContactsInput => ({
  primary: { name: 'Carl Customer', email: primaryEmail },
  billing: null,
  account_manager: { name: 'Ann Acme', email: 'ann@acme.test' },
});

const denied = async (p: Promise<unknown>, code: DomainError['code']) => {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e, `expected DomainError ${code}`).toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe(code);
};

describe('account contacts', () => {
  it('are edited by the account’s Owner, Account Admins and User Admins', async () => {
    for (const role of ['owner', 'account_admin', 'user_admin']) {
      const result = await updateContacts(t.db, { actorUserId: person(customer, role).userId, accountId: customer.accountId, contacts: contacts(`${role}@acme.test`), meta });
      expect(result.changed).toContain('primary');
    }
    const view = await getContacts(t.db, { actorUserId: customer.owner.userId, accountId: customer.accountId });
    expect(view.contacts.primary).toMatchObject({ name: 'Carl Customer', email: 'user_admin@acme.test' });
    expect(view.contacts.billing).toBeUndefined();
  });

  it('are read-only for the account’s other roles, with whom to ask', async () => {
    for (const role of ['billing_admin', 'subscriber', 'project_member']) {
      const view = await getContacts(t.db, { actorUserId: person(customer, role).userId, accountId: customer.accountId });
      expect(view.edit).toEqual({ allowed: false, reason: expect.stringContaining('Account Owner') });
      await denied(updateContacts(t.db, { actorUserId: person(customer, role).userId, accountId: customer.accountId, contacts: contacts('x@acme.test'), meta }), 'forbidden');
    }
  });

  it('of a customer are edited by its reseller’s Owner/Admins, and audited in both accounts', async () => {
    await updateContacts(t.db, {
      actorUserId: reseller.owner.userId,
      accountId: customer.accountId,
      viaResellerId: reseller.accountId,
      contacts: { ...contacts('carl@acme.test'), billing: { name: 'Bianca Billing', email: 'billing@acme.test' } },
      meta,
    });
    const customerLog = await t.db.select().from(auditLog).where(eq(auditLog.accountId, customer.accountId));
    const resellerLog = await t.db.select().from(auditLog).where(eq(auditLog.accountId, reseller.accountId));
    expect(customerLog.filter((e) => e.actorUserId === reseller.owner.userId).map((e) => e.details.kind).sort()).toEqual(['billing', 'primary']);
    expect(resellerLog.map((e) => [e.action, e.details.kind, e.details.customerAccountId])).toEqual([
      ['contact.updated', 'primary', customer.accountId],
      ['contact.updated', 'billing', customer.accountId],
    ]);
    const list = await listCustomerContacts(t.db, { actorUserId: person(reseller, 'subscriber').userId, resellerId: reseller.accountId });
    expect(list.map((c) => [c.name, c.contacts.billing?.email])).toEqual([['Acme', 'billing@acme.test']]);
    // The reseller's other roles may look, not change.
    await denied(
      updateContacts(t.db, { actorUserId: person(reseller, 'billing_admin').userId, accountId: customer.accountId, viaResellerId: reseller.accountId, contacts: contacts('y@acme.test'), meta }),
      'forbidden',
    );
  });

  it('are out of reach of other accounts: a foreign customer, a stranger, a customer looking at its reseller', async () => {
    await denied(getContacts(t.db, { actorUserId: reseller.owner.userId, accountId: foreignCustomer.accountId, viaResellerId: reseller.accountId }), 'not_found');
    await denied(getContacts(t.db, { actorUserId: reseller.owner.userId, accountId: foreignCustomer.accountId }), 'not_found');
    await denied(getContacts(t.db, { actorUserId: stranger.owner.userId, accountId: customer.accountId }), 'not_found');
    // Claiming to be the reseller of an account does not help a non-member of that reseller.
    await denied(getContacts(t.db, { actorUserId: stranger.owner.userId, accountId: customer.accountId, viaResellerId: reseller.accountId }), 'not_found');
    await denied(
      updateContacts(t.db, { actorUserId: customer.owner.userId, accountId: reseller.accountId, contacts: contacts('z@acme.test'), meta }),
      'not_found',
    );
    const rows = await t.db.select().from(accountContacts).where(eq(accountContacts.accountId, foreignCustomer.accountId));
    expect(rows).toHaveLength(0);
  });
});

describe('the contacts form', () => {
  const empty = { name: '', email: '' };
  it('removes a contact left empty and refuses half-filled ones and header injection', () => {
    expect(contactsInput.parse({ primary: { name: ' Carl ', email: 'Carl@Acme.test ' }, billing: empty, account_manager: empty })).toEqual({
      primary: { name: 'Carl', email: 'carl@acme.test' },
      billing: null,
      account_manager: null,
    });
    const half = contactsInput.safeParse({ primary: { name: 'Carl', email: '' }, billing: empty, account_manager: empty });
    expect(half.error?.issues.map((i) => i.path.join('.'))).toEqual(['primary.email']);
    const injected = contactsInput.safeParse({ primary: { name: 'Carl\r\nBcc: x@y.z', email: 'carl@acme.test\nBcc: x@y.z' }, billing: empty, account_manager: empty });
    expect(injected.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['primary.name', 'Names must not contain line breaks or other control characters.'],
      ['primary.email', 'E-mail addresses must not contain line breaks or other control characters.'],
    ]);
  });
});
