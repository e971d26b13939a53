// The contacts form: three optional contacts, each a name and an e-mail.
// Pure, shared by the form (client) and its server action.
import '@/lib/zod-csp';
import { z } from 'zod';
import type { ContactKind } from '@/db/schema';
import { CONTACT_KINDS } from './contact-kinds';
import { emailAddress, personName, type ContactCard } from './recipients';

export { CONTACT_KINDS, contactKindLabels } from './contact-kinds';

const field = z.object({ name: z.string().max(500), email: z.string().max(500) });

/** Leaving both fields empty removes the contact; one without the other is an error. */
export const contactsInput = z
  .object({ primary: field, billing: field, account_manager: field })
  .transform((input, ctx) => {
    const out = {} as Record<ContactKind, ContactCard | null>;
    for (const kind of CONTACT_KINDS) {
      const { name, email } = input[kind];
      if (!name.trim() && !email.trim()) {
        out[kind] = null;
        continue;
      }
      const parsedName = personName.safeParse(name);
      const parsedEmail = emailAddress.safeParse(email);
      if (!parsedName.success) ctx.addIssue({ code: 'custom', path: [kind, 'name'], message: parsedName.error.issues[0].message });
      if (!parsedEmail.success) ctx.addIssue({ code: 'custom', path: [kind, 'email'], message: parsedEmail.error.issues[0].message });
      out[kind] = parsedName.success && parsedEmail.success ? { name: parsedName.data, email: parsedEmail.data } : null;
    }
    return out;
  });
export type ContactsInput = z.output<typeof contactsInput>;

/** The form's starting values from the saved contacts ('' for a missing one). */
export function contactFormValues(contacts: Partial<Record<ContactKind, ContactCard>>): Record<ContactKind, { name: string; email: string }> {
  return {
    primary: { name: contacts.primary?.name ?? '', email: contacts.primary?.email ?? '' },
    billing: { name: contacts.billing?.name ?? '', email: contacts.billing?.email ?? '' },
    account_manager: { name: contacts.account_manager?.name ?? '', email: contacts.account_manager?.email ?? '' },
  };
}
