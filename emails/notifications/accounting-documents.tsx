import { NotificationEmail, samplePreviewProps, type NotificationEmailProps } from '../_components/notification-body';

/** Accounting documents notifications. */
export default function AccountingDocumentsEmail(props: NotificationEmailProps) {
  return <NotificationEmail accent="#0f766e" intro="New accounting information is available for {account}." {...props} />;
}

AccountingDocumentsEmail.PreviewProps = {
  ...samplePreviewProps,
  categoryTitle: 'Accounting documents',
  typeTitle: 'Invoices to pay',
  subject: 'Invoice 2026-0114 is ready',
} satisfies NotificationEmailProps;
