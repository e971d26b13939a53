import { EventEmail, eventPreviewProps, sampleEventProps, type EventContentFor, type EventEmailProps } from '../_components/event-body';

/** Per-event content of the Organizations group. */
export const organizationsContent: Record<string, EventContentFor> = {
  'organizations.customer_approval_pending': (p) => ({
    subject: `${p.customerName} is waiting for your approval`,
    heading: 'A customer is waiting for approval',
    intro: `${p.customerName} has asked to become a customer of ${p.resellerName}. Review the request in the portal to approve or decline it.`,
    actionLabel: 'Review request',
  }),
  'organizations.customer_created_during_sync': (p) => ({
    subject: `New customer from synchronization: ${p.customerName}`,
    heading: 'A customer was created during synchronization',
    intro: `A synchronization${p.get('source') ? ` with ${p.get('source')}` : ''} created the customer ${p.customerName} for ${p.resellerName}.`,
    actionLabel: 'View customer',
  }),
  'organizations.new_organization_signed_up': (p) => ({
    subject: `New organization signed up: ${p.customerName}`,
    heading: 'A new organization signed up',
    intro: `${p.customerName} has signed up${p.get('signed_up_by') ? ` (by ${p.get('signed_up_by')})` : ''} as a customer of ${p.resellerName}.`,
    actionLabel: 'View organization',
  }),
  'organizations.new_tenant_created': (p) => ({
    subject: `New tenant created for ${p.customerName}`,
    heading: 'A new tenant was created',
    intro: `${p.initiatorName ? `${p.initiatorName} requested a new tenant` : 'A new tenant was requested'} for ${p.customerName}${p.get('tenant_domain') ? `: ${p.get('tenant_domain')}` : ''}. It is ready to use.`,
    actionLabel: 'View tenant',
  }),
  'organizations.status_changed': (p) => ({
    subject: `The status of ${p.customerName} changed${p.get('new_status') ? ` to ${p.get('new_status')}` : ''}`,
    heading: 'Your organization’s status changed',
    intro: `The status of ${p.customerName} with ${p.resellerName} changed${p.get('previous_status') ? ` from ${p.get('previous_status')}` : ''}${p.get('new_status') ? ` to ${p.get('new_status')}` : ''}.`,
    actionLabel: 'View organization',
  }),
};

export default function OrganizationsEmail(props: EventEmailProps) {
  return <EventEmail accent="#0369a1" content={(p) => organizationsContent[p.eventKey](p)} {...props} />;
}

OrganizationsEmail.PreviewProps = eventPreviewProps({
  ...sampleEventProps,
  eventKey: 'organizations.new_tenant_created',
  groupTitle: 'Organizations',
  eventTitle: 'Organizations – new tenant created',
  data: { tenant_domain: 'acme.onmicrosoft.com', vendor: 'Microsoft' },
});
