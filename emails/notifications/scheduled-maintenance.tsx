import { NotificationEmail, samplePreviewProps, type NotificationEmailProps } from '../_components/notification-body';

/** Scheduled maintenance notifications. */
export default function ScheduledMaintenanceEmail(props: NotificationEmailProps) {
  return <NotificationEmail accent="#be123c" intro="Planned work, a crash or an outage affects the infrastructure of {account}." {...props} />;
}

ScheduledMaintenanceEmail.PreviewProps = {
  ...samplePreviewProps,
  categoryTitle: 'Scheduled maintenance',
  typeTitle: 'Technical work that affects your infrastructure',
  subject: 'Network maintenance in ru-1 on 3 December',
} satisfies NotificationEmailProps;
