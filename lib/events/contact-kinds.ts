// The three contacts of an account, as the contacts form and e-mails name them.
// Without zod, so the form can show them without loading its validation.
import type { ContactKind } from '@/db/schema';

export const CONTACT_KINDS = ['primary', 'billing', 'account_manager'] as const satisfies readonly ContactKind[];

export const contactKindLabels: Record<ContactKind, { title: string; description: string }> = {
  primary: { title: 'Primary contact', description: 'Receives most event e-mails: quotes, orders, renewals and status changes.' },
  billing: { title: 'Billing contact', description: 'Receives invoices and payment e-mails.' },
  account_manager: { title: 'Account manager', description: 'Follows quotes and subscriptions for this account.' },
};
