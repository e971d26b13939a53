import type { ComponentType } from 'react';
import type { NotificationCategory } from '@/db/schema';
import type { NotificationEmailProps } from '../_components/notification-body';
import AccountAgreementEmail from './account-agreement';
import AccountingDocumentsEmail from './accounting-documents';
import BalancePaymentsEmail from './balance-payments';
import ScheduledMaintenanceEmail from './scheduled-maintenance';
import ServicesEmail from './services';

/** The e-mail template of each notification category. */
export const categoryTemplates: Record<NotificationCategory, ComponentType<NotificationEmailProps>> = {
  account_agreement: AccountAgreementEmail,
  accounting_documents: AccountingDocumentsEmail,
  balance_payments: BalancePaymentsEmail,
  scheduled_maintenance: ScheduledMaintenanceEmail,
  services: ServicesEmail,
};
