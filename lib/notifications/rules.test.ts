import { describe, expect, it } from 'vitest';
import type { MemberRole, NotificationCategory } from '@/db/schema';
import { categoryKeys } from './catalog';
import {
  authorizeSubscriptionChange,
  canEditContacts,
  canManageEventSettings,
  canManageSubscriptions,
  canViewDeliveryLog,
  confirmationMatches,
  inWords,
  MANAGER_ROLES,
  rolesInWords,
  subscriberCategoriesInWords,
  subscriptionEligibility,
  telegramEligibility,
  whomToAskAboutSubscriptions,
} from './rules';

// Every person the seeds name, as the rules see them: project roles are
// project-level members without an account-level role.
const people: Record<string, MemberRole> = {
  'Account Owner': 'owner',
  'Account Administrator': 'account_admin',
  'Billing Administrator': 'billing_admin',
  'User Administrator': 'user_admin',
  Subscriber: 'subscriber',
  'Project Administrator': 'project_member',
  'Project Supervisor': 'project_member',
};

// The expected table, written out from the seeds rather than derived from the code:
// who may manage, and which categories each kind of person can be subscribed to.
const managers = ['Account Owner', 'User Administrator'];
const all: NotificationCategory[] = ['account_agreement', 'accounting_documents', 'balance_payments', 'scheduled_maintenance', 'services'];
const subscribable: Record<string, NotificationCategory[]> = {
  'Account Owner': [], // receives everything, never subscribed
  'Account Administrator': all,
  'Billing Administrator': all,
  'User Administrator': all,
  Subscriber: ['accounting_documents', 'balance_payments'],
  'Project Administrator': all,
  'Project Supervisor': all,
};

describe('subscription rules', () => {
  it('covers the whole catalog', () => {
    expect([...categoryKeys].sort()).toEqual([...all].sort());
  });

  for (const [actorName, actorRole] of Object.entries(people)) {
    it(`manages everyone's subscriptions: ${actorName}`, () => {
      expect(canManageSubscriptions(actorRole)).toBe(managers.includes(actorName));
    });
    for (const [targetName, targetRole] of Object.entries(people)) {
      for (const category of all) {
        it(`add/remove: ${actorName} → ${targetName} in ${category}`, () => {
          const add = authorizeSubscriptionChange({ action: 'add', actorRole, targetRole, category });
          const remove = authorizeSubscriptionChange({ action: 'remove', actorRole, targetRole, category });
          const isManager = managers.includes(actorName);
          expect(add.allowed).toBe(isManager && subscribable[targetName].includes(category));
          expect(remove.allowed).toBe(isManager && targetName !== 'Account Owner');
          if (!add.allowed) expect(add.reason).toMatch(/\w/);
          if (!remove.allowed) expect(remove.reason).toMatch(/\w/);
        });
      }
    }
  }

  it('explains why a Subscriber cannot be subscribed to other categories', () => {
    const decision = subscriptionEligibility('subscriber', 'services');
    expect(decision).toEqual({ allowed: false, reason: expect.stringContaining('Accounting documents and Balance and payments') });
  });

  it('never lets anyone unsubscribe the Owner, whatever their role', () => {
    for (const actorRole of Object.values(people)) {
      for (const category of all) {
        expect(authorizeSubscriptionChange({ action: 'remove', actorRole, targetRole: 'owner', category }).allowed).toBe(false);
      }
    }
  });

  it('compares the typed confirmation case-insensitively and trimmed', () => {
    expect(confirmationMatches('  Bianca@Demo.Example ', 'bianca@demo.example')).toBe(true);
    expect(confirmationMatches('bianca@demo.exampl', 'bianca@demo.example')).toBe(false);
    expect(confirmationMatches('', 'bianca@demo.example')).toBe(false);
  });
});

describe('Telegram eligibility', () => {
  // Seed: "If you are subscribed to the Balance and payments category, you can connect
  // Telegram notifications"; "not available for users with the Subscriber role". The Owner
  // receives Balance and payments without a subscription.
  const table: [person: string, subscribedToBalance: boolean, expected: 'allowed' | 'subscriber_role' | 'not_subscribed'][] = [
    ['Account Owner', false, 'allowed'],
    ['Account Owner', true, 'allowed'],
    ['Account Administrator', true, 'allowed'],
    ['Account Administrator', false, 'not_subscribed'],
    ['Billing Administrator', true, 'allowed'],
    ['Billing Administrator', false, 'not_subscribed'],
    ['User Administrator', true, 'allowed'],
    ['User Administrator', false, 'not_subscribed'],
    ['Subscriber', true, 'subscriber_role'],
    ['Subscriber', false, 'subscriber_role'],
    ['Project Administrator', true, 'allowed'],
    ['Project Administrator', false, 'not_subscribed'],
    ['Project Supervisor', true, 'allowed'],
    ['Project Supervisor', false, 'not_subscribed'],
  ];

  it('covers every person the seeds name, subscribed or not', () => {
    expect(new Set(table.map(([p, s]) => `${p}/${s}`)).size).toBe(Object.keys(people).length * 2);
  });

  const membership = (accountName: string, role: MemberRole, subscribedToBalance: boolean) => ({
    accountId: `id-${accountName}`,
    accountName,
    role,
    subscribedToBalance,
  });

  for (const [person, subscribedToBalance, expected] of table) {
    it(`${person}, ${subscribedToBalance ? 'subscribed' : 'not subscribed'} to Balance and payments → ${expected}`, () => {
      const decision = telegramEligibility([membership('Northwind', people[person], subscribedToBalance)]);
      if (expected === 'allowed') {
        expect(decision).toEqual({ allowed: true, deliversFor: [{ accountId: 'id-Northwind', accountName: 'Northwind' }] });
      } else {
        expect(decision).toMatchObject({ allowed: false, code: expected });
        if (!decision.allowed) expect(decision.reason).toMatch(expected === 'subscriber_role' ? /Subscriber/ : /Balance and payments/);
      }
    });
  }
});

describe('Telegram eligibility across accounts (issue 21: "one chat serves all of your accounts")', () => {
  const m = (accountName: string, role: MemberRole, subscribedToBalance: boolean) => ({
    accountId: `id-${accountName}`,
    accountName,
    role,
    subscribedToBalance,
  });

  it('is the person’s: subscribed in one account is enough, and the chat delivers for that account only', () => {
    // Bianca Billing: not subscribed in Acme Corp, subscribed in Northwind Labs.
    const bianca = [m('Acme Corp', 'billing_admin', false), m('Northwind Labs', 'billing_admin', true)];
    expect(telegramEligibility(bianca)).toEqual({ allowed: true, deliversFor: [{ accountId: 'id-Northwind Labs', accountName: 'Northwind Labs' }] });
    expect(telegramEligibility([...bianca].reverse())).toEqual(telegramEligibility(bianca));
  });

  it('lists every account that delivers, by name: owned ones always, a Subscriber’s never', () => {
    const olivia = [m('Skyline', 'account_admin', true), m('Northwind', 'owner', false), m('Globex', 'subscriber', true), m('Acme', 'user_admin', false)];
    const decision = telegramEligibility(olivia);
    expect(decision.allowed && decision.deliversFor.map((a) => a.accountName)).toEqual(['Northwind', 'Skyline']);
  });

  it('a Subscriber who receives Balance and payments as a non-Subscriber elsewhere may connect', () => {
    expect(telegramEligibility([m('A', 'subscriber', true), m('B', 'project_member', true)])).toMatchObject({ allowed: true });
  });

  it('is refused when no account delivers: Subscriber everywhere, or subscribed nowhere', () => {
    expect(telegramEligibility([m('A', 'subscriber', true), m('B', 'subscriber', false)])).toMatchObject({ allowed: false, code: 'subscriber_role' });
    const nowhere = telegramEligibility([m('A', 'subscriber', true), m('B', 'account_admin', false)]);
    expect(nowhere).toMatchObject({ allowed: false, code: 'not_subscribed' });
    expect(!nowhere.allowed && nowhere.reason).toMatch(/not subscribed to Balance and payments in any of your accounts/);
  });
});

describe('reseller event settings and contacts (seed 002)', () => {
  // person → [may manage the reseller's events, may edit contacts of their own account, may edit a customer's contacts as reseller staff]
  const table: Record<string, [events: boolean, ownContacts: boolean, customerContacts: boolean]> = {
    'Account Owner': [true, true, true],
    'Account Administrator': [true, true, true],
    'Billing Administrator': [false, false, false],
    'User Administrator': [false, true, true],
    Subscriber: [false, false, false],
    'Project Administrator': [false, false, false],
    'Project Supervisor': [false, false, false],
  };

  it('covers every person the seeds name', () => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(people).sort());
  });

  for (const [person, [events, ownContacts, customerContacts]] of Object.entries(table)) {
    it(`${person}: events ${events ? 'yes' : 'no'}, own contacts ${ownContacts ? 'yes' : 'no'}, customers’ contacts ${customerContacts ? 'yes' : 'no'}`, () => {
      const role = people[person];
      expect(canManageEventSettings({ role, isReseller: true }).allowed).toBe(events);
      expect(canEditContacts({ relation: 'member', role }).allowed).toBe(ownContacts);
      expect(canEditContacts({ relation: 'reseller', role }).allowed).toBe(customerContacts);
    });
  }

  it('has no event settings outside reseller accounts, whoever asks', () => {
    for (const role of Object.values(people)) {
      const decision = canManageEventSettings({ role, isReseller: false });
      expect(decision).toEqual({ allowed: false, reason: expect.stringMatching(/reseller/) });
    }
  });
});

describe('the sentences that explain the rules come from the same constants', () => {
  it('joins items in words', () => {
    expect(inWords([], 'and')).toBe('');
    expect(inWords(['A'], 'and')).toBe('A');
    expect(inWords(['A', 'B'], 'or')).toBe('A or B');
    expect(inWords(['A', 'B', 'C'], 'and')).toBe('A, B and C');
  });

  it('names the managers as the seeds do', () => {
    expect(rolesInWords(MANAGER_ROLES, 'all')).toBe('the Account Owner and User Administrators');
    expect(whomToAskAboutSubscriptions()).toBe('the Account Owner or a User Administrator');
    expect(rolesInWords(['owner', 'account_admin'], 'one')).toBe('the Account Owner or an Account Administrator');
    expect(subscriberCategoriesInWords()).toBe('Accounting documents and Balance and payments');
  });

  it('words every refusal from the roles that are allowed', () => {
    expect(authorizeSubscriptionChange({ action: 'add', actorRole: 'billing_admin', targetRole: 'account_admin', category: 'services' })).toEqual({
      allowed: false,
      reason: 'Only the Account Owner and User Administrators can change subscriptions.',
    });
    expect(subscriptionEligibility('subscriber', 'services')).toEqual({
      allowed: false,
      reason: 'A Subscriber can only be subscribed to Accounting documents and Balance and payments, not to Services and facilities.',
    });
    expect(canViewDeliveryLog('billing_admin')).toEqual({
      allowed: false,
      reason: 'Only the Account Owner, User Administrators and Account Administrators can see the delivery log.',
    });
    expect(canManageEventSettings({ role: 'user_admin', isReseller: true })).toEqual({
      allowed: false,
      reason: 'Only the Account Owner and Account Administrators of the reseller can change event notifications.',
    });
    expect(canEditContacts({ relation: 'member', role: 'subscriber' })).toEqual({
      allowed: false,
      reason: 'Only the Account Owner, Account Administrators and User Administrators can change the contacts.',
    });
  });
});
