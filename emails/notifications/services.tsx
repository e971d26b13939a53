import { NotificationEmail, samplePreviewProps, type NotificationEmailProps } from '../_components/notification-body';

/** Services and facilities notifications. */
export default function ServicesEmail(props: NotificationEmailProps) {
  return <NotificationEmail accent="#1d4ed8" intro="An update about the services {account} uses." {...props} />;
}

ServicesEmail.PreviewProps = {
  ...samplePreviewProps,
  categoryTitle: 'Services and facilities',
  typeTitle: 'Product updates',
  subject: 'Managed Kubernetes 1.34 is available',
} satisfies NotificationEmailProps;
