import { NotificationEmail, samplePreviewProps, type NotificationEmailProps } from '../_components/notification-body';

/** Balance and payments notifications. */
export default function BalancePaymentsEmail(props: NotificationEmailProps) {
  return <NotificationEmail accent="#b45309" intro="There is news about the balance of {account}." {...props} />;
}

BalancePaymentsEmail.PreviewProps = {
  ...samplePreviewProps,
  categoryTitle: 'Balance and payments',
  typeTitle: 'Debt',
  subject: 'Your balance is negative',
} satisfies NotificationEmailProps;
