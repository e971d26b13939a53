import type { Availability } from './catalog';
import { availabilityLabels, findNotificationType, getCategory } from './catalog';
import type { EventOutcome, NotificationCategory } from '@/db/schema';
import { findEvent } from '@/lib/events/catalog';

/**
 * How the panel names a published notification: its category (or, for a
 * reseller event, its event group), its type and who it is for.
 */
export function describeNotification(n: {
  category: NotificationCategory | null;
  typeKey: string;
  availability: Availability | null;
  outcome?: EventOutcome | null;
}) {
  if (n.category) {
    return {
      group: getCategory(n.category).title,
      type: findNotificationType(n.typeKey)?.title ?? n.typeKey,
      audience: n.availability ? availabilityLabels[n.availability] : '—',
    };
  }
  const event = findEvent(n.typeKey);
  return {
    group: 'Reseller event',
    type: event?.title ?? n.typeKey,
    audience:
      n.outcome === 'not_sent_disabled'
        ? 'Not sent: the event’s e-mail is switched off'
        : n.outcome === 'not_sent_no_recipients'
          ? 'Not sent: none of its recipients was found'
          : 'The event’s To and CC',
  };
}
