// Recipients of event e-mails: their labels, their validation (shared by the
// Edit dialog, its server action and the event API) and their resolution to
// addresses. Pure code without I/O, so client components may import it too.
import '@/lib/zod-csp';
import { z } from 'zod';
import { isStorableText } from '@/lib/storable-text';
import { CONTACT_ROLES, type ContactRole, type RecipientList, type RecipientSpec } from './recipient-spec';

export { CONTACT_ROLES, type ContactRole, type RecipientList, type RecipientSpec };

/** At most this many CC recipients (and To recipients) per event. */
export const MAX_CC = 10;
export const MAX_TO = 10;

export const contactRoleLabels: Record<ContactRole, string> = {
  customer_primary: 'Customer primary contact',
  customer_billing: 'Customer billing contact',
  customer_account_manager: 'Customer account manager',
  reseller_primary: 'Reseller primary contact',
  reseller_billing: 'Reseller billing contact',
  reseller_account_manager: 'Reseller account manager',
};

/** Every recipient that is not a literal address, as the dialog offers them. */
export const ROLE_RECIPIENTS: readonly RecipientSpec[] = [
  ...CONTACT_ROLES.map((role) => ({ type: 'contact', role }) as const),
  { type: 'initiator' },
  { type: 'invited_user' },
  { type: 'affected_user' },
];

export function recipientLabel(spec: RecipientSpec): string {
  switch (spec.type) {
    case 'contact':
      return contactRoleLabels[spec.role];
    case 'initiator':
      return 'User who initiated it';
    case 'invited_user':
      return 'Invited user';
    case 'affected_user':
      return 'User the event is about';
    case 'address':
      return spec.email;
  }
}

/** Identity of a recipient for duplicate checks (addresses compared without case). */
export function recipientKey(spec: RecipientSpec): string {
  switch (spec.type) {
    case 'contact':
      return `contact:${spec.role}`;
    case 'address':
      return `address:${spec.email.toLowerCase()}`;
    default:
      return spec.type;
  }
}

export function sameRecipients(a: RecipientList, b: RecipientList): boolean {
  const keys = (l: RecipientSpec[]) => l.map(recipientKey).join('|');
  return keys(a.to) === keys(b.to) && keys(a.cc) === keys(b.cc);
}

// Header injection: CR or LF (or any other control character, or the Unicode
// line separators) in an address would let it add headers to the e-mail.
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/** One e-mail address: no control characters, valid syntax, stored lower-case. */
export const emailAddress = z
  .string()
  .refine((s) => !CONTROL_CHARACTERS.test(s), 'E-mail addresses must not contain line breaks or other control characters.')
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, 'Enter an e-mail address.')
      .max(254, 'This e-mail address is too long.')
      .pipe(z.email('Enter a valid e-mail address, like name@example.com.')),
  )
  .transform((s) => s.toLowerCase());

/** A person's display name as it may appear in an e-mail: one line, no control characters. */
export const personName = z
  .string()
  .refine((s) => !CONTROL_CHARACTERS.test(s), 'Names must not contain line breaks or other control characters.')
  .refine(isStorableText, 'This name contains an invalid character. Type it again.')
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'Enter a name.').max(120, 'Names have at most 120 characters.'));

export const recipientSpecSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('contact'), role: z.enum(CONTACT_ROLES) }).strict(),
  z.object({ type: z.literal('initiator') }).strict(),
  z.object({ type: z.literal('invited_user') }).strict(),
  z.object({ type: z.literal('affected_user') }).strict(),
  z.object({ type: z.literal('address'), email: emailAddress }).strict(),
]);

/** To and CC of an event: at least one To, at most 10 CC, nobody twice. */
export const recipientListSchema = z
  .object({
    to: z.array(recipientSpecSchema).min(1, 'Add at least one recipient to To.').max(MAX_TO, `To takes at most ${MAX_TO} recipients.`),
    cc: z.array(recipientSpecSchema).max(MAX_CC, `CC takes at most ${MAX_CC} recipients.`),
  })
  .strict()
  .superRefine((list, ctx) => {
    const seen = new Map<string, 'to' | 'cc'>();
    for (const field of ['to', 'cc'] as const) {
      list[field].forEach((spec, index) => {
        const key = recipientKey(spec);
        const earlier = seen.get(key);
        if (earlier) {
          ctx.addIssue({ code: 'custom', path: [field, index], message: `${recipientLabel(spec)} is already in ${earlier === 'to' ? 'To' : 'CC'}.` });
        } else seen.set(key, field);
      });
    }
  });

/** A person named by the publisher of an event (initiator, invited or affected user). */
export const eventPerson = z.object({ name: personName.optional(), email: emailAddress }).strict();
export type EventPerson = z.infer<typeof eventPerson>;

// ---------------------------------------------------------------------------
// Resolution
// ---------------------------------------------------------------------------

export type ContactCard = { name: string; email: string };
export type ContactsByKind = Partial<Record<'primary' | 'billing' | 'account_manager', ContactCard>>;

export type ResolutionContext = {
  customer: { name: string; contacts: ContactsByKind };
  reseller: { name: string; contacts: ContactsByKind };
  initiator?: EventPerson | null;
  invitedUser?: EventPerson | null;
  affectedUser?: EventPerson | null;
};

export type ResolvedRecipient = { email: string; name: string | null; via: string };
export type MissingRecipient = { field: 'to' | 'cc'; recipient: string; reason: string };
export type Resolution = { to: ResolvedRecipient[]; cc: ResolvedRecipient[]; missing: MissingRecipient[] };

const contactKindOf = (role: ContactRole) =>
  role.endsWith('_primary') ? 'primary' : role.endsWith('_billing') ? 'billing' : ('account_manager' as const);

const contactNoun = { primary: 'primary contact', billing: 'billing contact', account_manager: 'account manager' } as const;

/**
 * Turns To/CC specs into addresses. A recipient that cannot be resolved (the
 * customer has no billing contact, the publisher named no initiator) is
 * reported in `missing`, never an error. Each address appears once: To wins
 * over CC, the first mention over later ones.
 */
export function resolveRecipients(list: RecipientList, ctx: ResolutionContext): Resolution {
  const seen = new Set<string>();
  const missing: MissingRecipient[] = [];
  const resolveOne = (field: 'to' | 'cc', spec: RecipientSpec): ResolvedRecipient | null => {
    const via = recipientLabel(spec);
    const miss = (reason: string) => (missing.push({ field, recipient: via, reason }), null);
    switch (spec.type) {
      case 'contact': {
        const side = spec.role.startsWith('customer_') ? ctx.customer : ctx.reseller;
        const kind = contactKindOf(spec.role);
        const card = side.contacts[kind];
        return card ? { email: card.email.toLowerCase(), name: card.name, via } : miss(`${side.name} has no ${contactNoun[kind]}.`);
      }
      case 'initiator':
        return ctx.initiator ? { email: ctx.initiator.email, name: ctx.initiator.name ?? null, via } : miss('The event names no initiating user.');
      case 'invited_user':
        return ctx.invitedUser ? { email: ctx.invitedUser.email, name: ctx.invitedUser.name ?? null, via } : miss('The event names no invited user.');
      case 'affected_user':
        return ctx.affectedUser ? { email: ctx.affectedUser.email, name: ctx.affectedUser.name ?? null, via } : miss('The event names no user it is about.');
      case 'address':
        return { email: spec.email.toLowerCase(), name: null, via };
    }
  };
  const resolveField = (field: 'to' | 'cc') =>
    list[field].flatMap((spec) => {
      const r = resolveOne(field, spec);
      if (!r || seen.has(r.email)) return [];
      seen.add(r.email);
      return [r];
    });
  const to = resolveField('to');
  const cc = resolveField('cc');
  return { to, cc, missing };
}
