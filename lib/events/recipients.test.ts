// Recipients of event e-mails: validation (the dialog, its action and the
// API share it) and resolution of roles to addresses.
import { describe, expect, it } from 'vitest';
import { emailAddress, recipientListSchema, resolveRecipients, type RecipientList, type ResolutionContext } from './recipients';

const ctx: ResolutionContext = {
  customer: {
    name: 'Acme Corp',
    contacts: { primary: { name: 'Carl Customer', email: 'Carl@Acme.example' }, account_manager: { name: 'Ann Acme', email: 'ann@acme.example' } },
  },
  reseller: {
    name: 'Skyline Reseller',
    contacts: {
      primary: { name: 'Rita Reseller', email: 'rita@skyline.example' },
      billing: { name: 'Bill Skyline', email: 'billing@skyline.example' },
      account_manager: { name: 'Sam Sales', email: 'sam@skyline.example' },
    },
  },
  initiator: { name: 'Ivan Initiator', email: 'ivan@acme.example' },
};

describe('resolveRecipients', () => {
  it('turns contact roles, the initiator and literal addresses into addresses', () => {
    const list: RecipientList = {
      to: [{ type: 'contact', role: 'reseller_account_manager' }, { type: 'initiator' }],
      cc: [{ type: 'contact', role: 'customer_primary' }, { type: 'address', email: 'audit@skyline.example' }],
    };
    expect(resolveRecipients(list, ctx)).toEqual({
      to: [
        { email: 'sam@skyline.example', name: 'Sam Sales', via: 'Reseller account manager' },
        { email: 'ivan@acme.example', name: 'Ivan Initiator', via: 'User who initiated it' },
      ],
      cc: [
        { email: 'carl@acme.example', name: 'Carl Customer', via: 'Customer primary contact' },
        { email: 'audit@skyline.example', name: null, via: 'audit@skyline.example' },
      ],
      missing: [],
    });
  });

  it('reports missing contacts and people instead of failing', () => {
    const list: RecipientList = {
      to: [{ type: 'contact', role: 'customer_billing' }, { type: 'invited_user' }],
      cc: [{ type: 'contact', role: 'reseller_primary' }, { type: 'affected_user' }],
    };
    const result = resolveRecipients(list, { ...ctx, initiator: null });
    expect(result.to).toEqual([]);
    expect(result.cc.map((r) => r.email)).toEqual(['rita@skyline.example']);
    expect(result.missing).toEqual([
      { field: 'to', recipient: 'Customer billing contact', reason: 'Acme Corp has no billing contact.' },
      { field: 'to', recipient: 'Invited user', reason: 'The event names no invited user.' },
      { field: 'cc', recipient: 'User the event is about', reason: 'The event names no user it is about.' },
    ]);
  });

  it('resolves an account with no contacts at all to nothing, with every recipient reported', () => {
    const empty = { ...ctx, customer: { name: 'Globex', contacts: {} }, reseller: { name: 'Skyline', contacts: {} } };
    const result = resolveRecipients({ to: [{ type: 'contact', role: 'customer_primary' }], cc: [{ type: 'contact', role: 'reseller_account_manager' }] }, empty);
    expect(result).toEqual({
      to: [],
      cc: [],
      missing: [
        { field: 'to', recipient: 'Customer primary contact', reason: 'Globex has no primary contact.' },
        { field: 'cc', recipient: 'Reseller account manager', reason: 'Skyline has no account manager.' },
      ],
    });
  });

  it('sends to each address once, To before CC, whatever the case', () => {
    const list: RecipientList = {
      to: [{ type: 'contact', role: 'customer_primary' }],
      cc: [{ type: 'address', email: 'carl@acme.example' }, { type: 'contact', role: 'reseller_primary' }, { type: 'address', email: 'rita@skyline.example' }],
    };
    const result = resolveRecipients(list, ctx);
    expect(result.to.map((r) => r.email)).toEqual(['carl@acme.example']);
    expect(result.cc.map((r) => r.email)).toEqual(['rita@skyline.example']);
  });
});

describe('recipient validation', () => {
  const address = (email: string) => ({ type: 'address' as const, email });
  const to = [{ type: 'contact' as const, role: 'reseller_primary' as const }];

  it('accepts up to 10 CC and refuses an 11th', () => {
    const cc = Array.from({ length: 10 }, (_, i) => address(`cc${i}@example.com`));
    expect(recipientListSchema.safeParse({ to, cc }).success).toBe(true);
    const result = recipientListSchema.safeParse({ to, cc: [...cc, address('cc10@example.com')] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe('CC takes at most 10 recipients.');
  });

  it('needs at least one To', () => {
    const result = recipientListSchema.safeParse({ to: [], cc: [address('a@example.com')] });
    expect(result.error?.issues[0].message).toBe('Add at least one recipient to To.');
  });

  it('refuses a recipient twice, across To and CC, addresses compared without case', () => {
    const twice = recipientListSchema.safeParse({ to: [...to, address('Ops@Example.com')], cc: [address('ops@example.com')] });
    expect(twice.error?.issues).toEqual([expect.objectContaining({ path: ['cc', 0], message: 'ops@example.com is already in To.' })]);
    const role = recipientListSchema.safeParse({ to, cc: [{ type: 'contact', role: 'reseller_primary' }] });
    expect(role.error?.issues[0].message).toBe('Reseller primary contact is already in To.');
  });

  it('refuses header injection: CR, LF and other control characters anywhere in an address', () => {
    for (const bad of ['ops@example.com\r\nBcc: victim@example.com', 'ops@example.com\nBcc:x@y.z', 'ops\u0000@example.com', 'ops@example.com\u2028', '\tops@example.com']) {
      const result = emailAddress.safeParse(bad);
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error?.issues[0].message).toMatch(/line breaks or other control characters/);
    }
  });

  it('refuses what is not an address, and keeps a valid one lower-case and trimmed', () => {
    for (const bad of ['ops', 'ops@', '@example.com', 'a b@example.com', 'ops@example.com, other@example.com', '<ops@example.com>', '"x"@example.com']) {
      expect(emailAddress.safeParse(bad).success, bad).toBe(false);
    }
    expect(emailAddress.parse('  Ops.Team+quotes@Example.COM ')).toBe('ops.team+quotes@example.com');
  });

  it('refuses unknown recipient kinds and extra fields', () => {
    expect(recipientListSchema.safeParse({ to: [{ type: 'contact', role: 'ceo' }], cc: [] }).success).toBe(false);
    expect(recipientListSchema.safeParse({ to: [{ type: 'initiator', email: 'x@y.z' }], cc: [] }).success).toBe(false);
    expect(recipientListSchema.safeParse({ to, cc: [], bcc: [] }).success).toBe(false);
  });
});
