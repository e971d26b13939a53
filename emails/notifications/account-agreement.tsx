import { NotificationEmail, samplePreviewProps, type NotificationEmailProps } from '../_components/notification-body';

/** Account and agreement notifications. */
export default function AccountAgreementEmail(props: NotificationEmailProps) {
  return <NotificationEmail accent="#4f46e5" intro="This concerns the account and agreement of {account}." {...props} />;
}

AccountAgreementEmail.PreviewProps = {
  ...samplePreviewProps,
  categoryTitle: 'Account and agreement',
  typeTitle: 'Agreement changed',
  subject: 'Changes to your agreement take effect on 1 January',
} satisfies NotificationEmailProps;
