import type { NotificationCategory } from '@/db/schema';

/**
 * Who a published notification is available to (seeds 000/001, "Availability
 * of notifications"). Fixed when the notification is published.
 */
export type Availability = 'all_users' | 'account_users' | 'project_users';

export const availabilityLabels: Record<Availability, string> = {
  all_users: 'All users of the account',
  account_users: 'Account-level users',
  project_users: 'Users of the selected project',
};

export type NotificationType = {
  key: string;
  title: string;
  defaultAvailability: Availability;
};

export type CategoryDefinition = {
  key: NotificationCategory;
  title: string;
  description: string;
  types: readonly NotificationType[];
};

/** The notification catalog: one source of truth for the UI, the rules and the publishing API. */
export const catalog: readonly CategoryDefinition[] = [
  {
    key: 'account_agreement',
    title: 'Account and agreement',
    description: 'Changes to the account, the agreement and the terms that apply to it.',
    types: [
      { key: 'profile_data_changed', title: 'Profile data changed', defaultAvailability: 'account_users' },
      { key: 'agreement_changed', title: 'Agreement changed', defaultAvailability: 'account_users' },
      { key: 'partner_program_terms_changed', title: 'Partner program terms changed', defaultAvailability: 'account_users' },
      { key: 'terms_of_service_changed', title: 'Terms of service changed', defaultAvailability: 'all_users' },
      { key: 'account_deletion', title: 'Account deletion', defaultAvailability: 'account_users' },
    ],
  },
  {
    key: 'accounting_documents',
    title: 'Accounting documents',
    description: 'Invoices, reporting documents and payment details.',
    types: [
      { key: 'invoice_to_pay', title: 'Invoices to pay', defaultAvailability: 'account_users' },
      { key: 'reporting_documents', title: 'Reporting documents', defaultAvailability: 'account_users' },
      { key: 'payment_details_changed', title: 'Payment details changed', defaultAvailability: 'account_users' },
      { key: 'edi_information', title: 'EDI information', defaultAvailability: 'account_users' },
      { key: 'payment_processing_changed', title: 'Payment processing changed', defaultAvailability: 'account_users' },
    ],
  },
  {
    key: 'balance_payments',
    title: 'Balance and payments',
    description: 'Debt, refunds, debits and top-up problems. Can also be delivered to Telegram.',
    types: [
      { key: 'debt', title: 'Debt', defaultAvailability: 'account_users' },
      { key: 'refund', title: 'Refund', defaultAvailability: 'account_users' },
      {
        key: 'blocking_postponed',
        title: 'Postponement of blocking or deletion of a resource for non-payment',
        defaultAvailability: 'account_users',
      },
      { key: 'debit', title: 'Debit from the account', defaultAvailability: 'account_users' },
      { key: 'top_up_problem', title: 'Top-up problems', defaultAvailability: 'account_users' },
    ],
  },
  {
    key: 'scheduled_maintenance',
    title: 'Scheduled maintenance',
    description: 'Planned technical work that affects your infrastructure, and accidents and malfunctions such as crashes and outages.',
    types: [
      { key: 'technical_work', title: 'Technical work that affects your infrastructure', defaultAvailability: 'project_users' },
      { key: 'incident', title: 'Crashes and outages', defaultAvailability: 'project_users' },
    ],
  },
  {
    key: 'services',
    title: 'Services and facilities',
    description: 'The status of the services and facilities you use, ordering new infrastructure, and product updates.',
    types: [
      { key: 'service_status', title: 'Status of services in use', defaultAvailability: 'project_users' },
      { key: 'infrastructure_ordered', title: 'Ordering new infrastructure', defaultAvailability: 'project_users' },
      { key: 'product_updates', title: 'Product updates', defaultAvailability: 'all_users' },
    ],
  },
];

export const categoryKeys = catalog.map((c) => c.key) as [NotificationCategory, ...NotificationCategory[]];

const byKey = new Map(catalog.map((c) => [c.key, c]));

export function getCategory(key: NotificationCategory): CategoryDefinition {
  return byKey.get(key)!;
}

export function isCategory(value: unknown): value is NotificationCategory {
  return typeof value === 'string' && byKey.has(value as NotificationCategory);
}

/** A notification type by key, with the category it belongs to. */
export function findNotificationType(key: string): (NotificationType & { category: NotificationCategory }) | null {
  for (const category of catalog) {
    const type = category.types.find((t) => t.key === key);
    if (type) return { ...type, category: category.key };
  }
  return null;
}
