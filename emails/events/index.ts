import type { ComponentType } from 'react';
import type { EventGroupKey } from '@/lib/events/catalog';
import type { EventContentFor, EventEmailProps } from '../_components/event-body';
import InvoicesEmail, { invoicesContent } from './invoices';
import OffersEmail, { offersContent } from './offers';
import OrganizationsEmail, { organizationsContent } from './organizations';
import PaymentsEmail, { paymentsContent } from './payments';
import QuotesEmail, { quotesContent } from './quotes';
import SubscriptionsEmail, { subscriptionsContent } from './subscriptions';
import UsersEmail, { usersContent } from './users';

/** The template of each event group, and what each of its events says. */
export const eventTemplates: Record<EventGroupKey, { component: ComponentType<EventEmailProps>; content: Record<string, EventContentFor> }> = {
  invoices: { component: InvoicesEmail, content: invoicesContent },
  offers: { component: OffersEmail, content: offersContent },
  organizations: { component: OrganizationsEmail, content: organizationsContent },
  payments: { component: PaymentsEmail, content: paymentsContent },
  quotes: { component: QuotesEmail, content: quotesContent },
  subscriptions: { component: SubscriptionsEmail, content: subscriptionsContent },
  users: { component: UsersEmail, content: usersContent },
};
