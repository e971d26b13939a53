import type { Availability } from './catalog';
import { availabilityLabels, findNotificationType, getCategory } from './catalog';
import type { NotificationCategory } from '@/db/schema';
import { findEvent, getEventGroup } from '@/lib/events/catalog';

/**
 * How the panel names a published notification: its category (or, for a
 * reseller event, its event group), its type and who it is for.
 */
export function describeNotification(n: { category: NotificationCategory | null; typeKey: string; availability: Availability | null }) {
  if (n.category) {
    return {
      group: getCategory(n.category).title,
      type: findNotificationType(n.typeKey)?.title ?? n.typeKey,
      audience: n.availability ? availabilityLabels[n.availability] : '—',
    };
  }
  const event = findEvent(n.typeKey);
  return {
    group: event ? `Reseller event · ${getEventGroup(event.group).title}` : 'Reseller event',
    type: event?.title ?? n.typeKey,
    audience: 'The event’s To and CC (Notification Settings → Events)',
  };
}
