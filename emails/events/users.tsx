import { EventEmail, eventPreviewProps, sampleEventProps, type EventContentFor, type EventEmailProps } from '../_components/event-body';

/** Per-event content of the Users group. */
export const usersContent: Record<string, EventContentFor> = {
  'users.email_change_confirmation': (p) => ({
    subject: 'Your e-mail address was changed',
    heading: 'Your e-mail address was changed',
    intro: `The e-mail address of your user in ${p.customerName} was changed${p.get('new_email') ? ` to ${p.get('new_email')}` : ''}. If you did not do this, contact ${p.resellerName} right away.`,
  }),
  'users.permissions_assigned': (p) => ({
    subject: `New permissions in ${p.customerName}`,
    heading: 'You have new permissions',
    intro: `${p.initiatorName ?? 'An administrator'} gave you new permissions in ${p.customerName}${p.get('permissions') ? `: ${p.get('permissions')}` : ''}.`,
    actionLabel: 'Open the portal',
  }),
  'users.user_invited': (p) => ({
    subject: `You are invited to ${p.customerName}`,
    heading: 'You are invited',
    intro: `${p.initiatorName ?? 'An administrator'} invited you to join ${p.customerName} in the ${p.resellerName} portal${p.get('role') ? ` as ${p.get('role')}` : ''}. Accept the invitation to set up your user.`,
    actionLabel: 'Accept invitation',
  }),
  'users.password_forgotten': (p) => ({
    subject: 'Reset your password',
    heading: 'Reset your password',
    intro: `We received a request to reset the password of your user in ${p.customerName}. If you did not ask for it, you can ignore this e-mail${p.get('expires_in') ? `; the link expires in ${p.get('expires_in')}` : ''}.`,
    actionLabel: 'Reset password',
  }),
};

export default function UsersEmail(props: EventEmailProps) {
  return <EventEmail accent="#be185d" content={(p) => usersContent[p.eventKey](p)} {...props} />;
}

UsersEmail.PreviewProps = eventPreviewProps({
  ...sampleEventProps,
  eventKey: 'users.user_invited',
  groupTitle: 'Users',
  eventTitle: 'Users – new user invited',
  greetingNames: ['Ivy Invited'],
  personName: 'Ivy Invited',
  data: { role: 'Purchaser', expires_on: '27 November 2026' },
});
